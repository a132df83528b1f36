using FunctionsOrders.FunctionsHost.Functions;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>
/// One endpoint per HTTP function, so ASP.NET Core's own routing matches templates and constraints and answers
/// 404 and 405. Replaced whenever a worker loaded its functions.
/// </summary>
internal sealed class FunctionEndpointDataSource(FunctionRequestHandler handler) : EndpointDataSource
{
    private readonly Lock _gate = new();
    private IReadOnlyList<Endpoint> _endpoints = [];
    private CancellationTokenSource _changed = new();

    public override IReadOnlyList<Endpoint> Endpoints => _endpoints;

    public override IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    /// <summary>The template of <paramref name="function"/> under <paramref name="routePrefix"/>.</summary>
    public static string Template(string routePrefix, HttpFunction function) =>
        routePrefix.Length == 0 ? function.Route : $"{routePrefix}/{function.Route}";

    public void Update(IReadOnlyList<HttpFunction> functions, string routePrefix)
    {
        var endpoints = functions.Select(f => Build(f, routePrefix)).ToArray();
        CancellationTokenSource previous;
        lock (_gate)
        {
            _endpoints = endpoints;
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        previous.Cancel();
        previous.Dispose();
    }

    private Endpoint Build(HttpFunction function, string routePrefix)
    {
        var pattern = RoutePatternFactory.Parse(Template(routePrefix, function));
        var builder = new RouteEndpointBuilder(handler.HandleAsync, pattern, order: 0) { DisplayName = function.Name };
        if (function.Methods.Count > 0)
        {
            builder.Metadata.Add(new HttpMethodMetadata(function.Methods));
        }

        builder.Metadata.Add(function);
        return builder.Build();
    }
}
