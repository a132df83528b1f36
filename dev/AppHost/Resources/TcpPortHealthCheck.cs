using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FunctionsOrders.AppHost.Resources;

/// <summary>Healthy once something accepts TCP connections on the port.</summary>
internal sealed class TcpPortHealthCheck(string host, int port) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException e)
        {
            return HealthCheckResult.Unhealthy($"{host}:{port} refuses connections", e);
        }
    }
}
