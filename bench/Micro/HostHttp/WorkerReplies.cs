using System.Globalization;
using FunctionsOrders.FunctionsHost.Rpc;
using Google.Protobuf;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.Micro.HostHttp;

/// <summary>
/// The <c>InvocationResponse</c> the isolated worker sends for a function's <c>HttpResponseData</c>: status code as
/// text, each header once with its values joined by commas in the plain header map, the body as bytes, all in the
/// return value.
/// </summary>
internal static class WorkerReplies
{
    public static InvocationResponse From(HttpResponseData response)
    {
        var body = new MemoryStream();
        response.Body.Position = 0;
        response.Body.CopyTo(body);
        var http = new RpcHttp
        {
            StatusCode = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
            Body = new TypedData { Bytes = ByteString.CopyFrom(body.ToArray()) },
        };
        foreach (var header in response.Headers)
        {
            http.Headers[header.Key] = string.Join(',', header.Value);
        }

        return new InvocationResponse
        {
            InvocationId = Guid.NewGuid().ToString(),
            Result = new StatusResult { Status = StatusResult.Types.Status.Success },
            ReturnValue = new TypedData { Http = http },
        };
    }
}
