namespace FunctionsOrders.SystemHarness;

/// <summary>Starts a server on freshly probed ports, trying other ports when one was taken in between.</summary>
public static class FreePortRetry
{
    /// <summary>
    /// Calls <paramref name="pickPorts"/> then <paramref name="start"/>, up to three times while the start times out or
    /// the process exits before it answers (<see cref="ServiceExitedException"/>).
    /// </summary>
    public static async Task StartAsync(Action pickPorts, Func<Task> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            pickPorts();
            try
            {
                await start();
                return;
            }
            catch (Exception e) when (attempt < 3 && e is TimeoutException or ServiceExitedException)
            {
                // A port may have been taken between probing and binding, or a cluster formed one node short: try again.
            }
        }
    }

    /// <summary>Deletes a temporary folder, best effort: the OS temp cleaner removes leftovers.</summary>
    public static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Still in use by a process that is going away.
        }
    }
}
