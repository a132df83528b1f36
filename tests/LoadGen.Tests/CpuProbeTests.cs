using FunctionsOrders.LoadGen.Harness;

namespace FunctionsOrders.LoadGen.Tests;

/// <summary>The CPU probe does the same work in every run, so its time compares one run's machine with another's.</summary>
public sealed class CpuProbeTests
{
    [Fact]
    public void Every_round_of_the_work_sums_to_the_same_checksum()
    {
        Assert.Equal(CpuProbe.ChecksumPerRound, CpuProbe.Work(1));
        Assert.Equal(CpuProbe.ChecksumPerRound * 3, CpuProbe.Work(3));
    }

    [Fact]
    public void The_probe_reports_the_cpu_time_its_work_took()
    {
        Assert.InRange(CpuProbe.MeasureMs(), 1, 60_000);
    }
}
