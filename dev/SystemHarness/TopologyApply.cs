namespace FunctionsOrders.SystemHarness;

/// <summary>Runs <c>NatsBridge topology apply</c> from the bridge's build output, as a deployment does before the services start.</summary>
public static class TopologyApply
{
    /// <summary>
    /// Applies the topology with the <c>Nats__*</c> and <c>Topology__*</c> settings in <paramref name="environment"/>;
    /// returns the command's log, or throws with its output when it fails.
    /// </summary>
    public static async Task<string> RunAsync(IDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var output = BuildOutput.Of("NatsBridge");
        await using var process = ExternalProcess.Start(
            "nats-topology-apply", "dotnet", [Path.Combine(output, "FunctionsOrders.NatsBridge.dll"), "topology", "apply"], environment, output);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"topology apply exited with {process.ExitCode}:\n{process.ReadLog()}");
        }

        return process.LogPath;
    }
}
