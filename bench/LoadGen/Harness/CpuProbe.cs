using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>
/// The same single-threaded work in every run, timed in CPU time: how fast the machine's cores were at that moment.
/// On a shared virtual machine the same work takes up to half again as long in one hour as in another, and every
/// CPU-per-order figure of a run rises with it; taken at the start and at the end of a run, the probe tells a slow
/// hour from a change in the system.
/// </summary>
internal static class CpuProbe
{
    private const int Rounds = 400;
    private const int KeysPerRound = 50_000;

    /// <summary>What one round of <see cref="Work"/> sums to: it checks that the work is the same in every run.</summary>
    public const long ChecksumPerRound = 1_230_077_672;

    /// <summary>CPU milliseconds this process spent on the probe's work, in the median of three tries.</summary>
    public static double MeasureMs()
    {
        using var self = Process.GetCurrentProcess();
        Work(1);
        var tries = new double[3];
        for (var i = 0; i < tries.Length; i++)
        {
            self.Refresh();
            var before = self.TotalProcessorTime;
            var result = Work(Rounds);
            if (result != ChecksumPerRound * Rounds)
            {
                throw new InvalidOperationException($"The CPU probe computed {result}; its work is not what it was.");
            }

            self.Refresh();
            tries[i] = (self.TotalProcessorTime - before).TotalMilliseconds;
        }

        Array.Sort(tries);
        return Math.Round(tries[1], 1);
    }

    /// <summary>
    /// Hashing and memory traffic of the kind the services do: a dictionary filled with pseudo-random keys from a
    /// fixed seed, then summed, <paramref name="rounds"/> times. Compiled fully optimised at once, so tiered
    /// compilation does not make the first try slower than the next.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    internal static long Work(int rounds)
    {
        var map = new Dictionary<int, int>(KeysPerRound);
        long sum = 0;
        for (var round = 0; round < rounds; round++)
        {
            ulong x = 88_172_645_463_325_252;
            map.Clear();
            for (var i = 0; i < KeysPerRound; i++)
            {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                map[(int)(x & 0xF_FFFF)] = i;
            }

            foreach (var value in map.Values)
            {
                sum += value;
            }
        }

        return sum;
    }
}
