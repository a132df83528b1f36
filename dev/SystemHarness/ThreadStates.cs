namespace FunctionsOrders.SystemHarness;

/// <summary>The scheduler states of a process's threads, as Linux reports them under <c>/proc</c>.</summary>
public static class ThreadStates
{
    /// <summary>
    /// True when every thread of process <paramref name="processId"/> is stopped (state <c>T</c> or <c>t</c>) or gone;
    /// also true where <c>/proc</c> does not tell (not Linux, or the process has ended).
    /// </summary>
    public static bool AllStopped(int processId)
    {
        var tasks = $"/proc/{processId}/task";
        IEnumerable<string> threads;
        try
        {
            threads = Directory.GetDirectories(tasks);
        }
        catch (IOException)
        {
            return true;
        }

        foreach (var thread in threads)
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(thread, "stat"));
            }
            catch (IOException)
            {
                // The thread ended while we looked: it answers nothing either.
                continue;
            }

            // "pid (comm) S ...": the state follows the last ')', as comm may itself hold parentheses.
            var state = stat[stat.LastIndexOf(')') + 2];
            if (state is not ('T' or 't' or 'Z' or 'X'))
            {
                return false;
            }
        }

        return true;
    }
}
