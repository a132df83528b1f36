using FunctionsOrders.FunctionsHost.App;
using FunctionsOrders.FunctionsHost.Http;

namespace FunctionsOrders.FunctionsHost.Functions;

/// <summary>Prints the functions with their methods and URLs once the first worker loaded them, as <c>func start</c> does.</summary>
internal sealed class FunctionListPrinter(FunctionApp app, TextWriter output)
{
    private int _printed;

    public void PrintOnce(IReadOnlyList<HttpFunction> functions, int port)
    {
        if (Interlocked.Exchange(ref _printed, 1) == 1)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("Functions:");
        output.WriteLine();
        foreach (var function in functions.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var methods = function.Methods.Count == 0 ? "*" : string.Join(',', function.Methods);
            var url = $"http://localhost:{port}/{FunctionEndpointDataSource.Template(app.RoutePrefix, function)}";
            output.WriteLine($"\t{function.Name}: [{methods}] {url}");
        }

        output.WriteLine();
        output.Flush();
    }
}
