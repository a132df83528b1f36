using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

public abstract class RequestMappingTests(SharedHostFixture fixture)
{
    [Fact]
    public async Task Repeated_request_headers_reach_the_worker_joined_with_commas()
    {
        using var cts = TestTimeout.Start(30);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", fixture.Host.Port, cts.Token);
        var stream = client.GetStream();
        var request = "GET /api/headers HTTP/1.1\r\nHost: localhost\r\nX-Multi: a\r\nX-Multi: b\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cts.Token);
        using var reader = new StreamReader(stream);
        var response = await reader.ReadToEndAsync(cts.Token);

        Assert.StartsWith("HTTP/1.1 201", response, StringComparison.Ordinal);
        Assert.Contains("\"multi\":[\"a,b\"]", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_content_and_connection_headers_do_not_stop_the_request()
    {
        using var cts = TestTimeout.Start(30);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", fixture.Host.Port, cts.Token);
        var stream = client.GetStream();
        var request = "POST /api/binary HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Language: en\r\nContent-Language: de\r\nConnection: keep-alive\r\nConnection: close\r\n"
            + "Content-Length: 3\r\n\r\nabc";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cts.Token);
        using var reader = new StreamReader(stream);
        var response = await reader.ReadToEndAsync(cts.Token);

        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\ncba", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_cookies_reach_the_worker()
    {
        using var cts = TestTimeout.Start(30);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/headers");
        request.Headers.Add("Cookie", "session=abc123");
        using var response = await fixture.Client.SendAsync(request, cts.Token);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));

        Assert.Equal("abc123", json.RootElement.GetProperty("cookie").GetString());
    }

    [Fact]
    public async Task Binary_bodies_travel_both_ways_unchanged()
    {
        using var cts = TestTimeout.Start(30);
        var body = new byte[70_000];
        Random.Shared.NextBytes(body);
        body[0] = 0;
        body[^1] = 0xFF;
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await fixture.Client.PostAsync("api/binary", content, cts.Token);
        var answer = await response.Content.ReadAsByteArrayAsync(cts.Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body.Reverse(), answer);
    }

    [Fact]
    public async Task Properties_of_a_json_body_bind_to_parameters()
    {
        using var cts = TestTimeout.Start(30);
        using var content = new StringContent("""{"name":"Ada","times":2,"tags":["x"]}""", Encoding.UTF8, "application/json");
        using var response = await fixture.Client.PostAsync("api/greet", content, cts.Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello Ada hello Ada", await response.Content.ReadAsStringAsync(cts.Token));
    }

    [Theory]
    [InlineData("7B226E616D65223A22FF227D")] // {"name":"\xFF"}: invalid UTF-8 in a value
    [InlineData("7B226EFF223A2261227D")] // {"n\xFF":"a"}: invalid UTF-8 in a property name
    [InlineData("7B226E616D65223A225C7564383030227D")] // {"name":"\ud800"}: an unpaired surrogate escape
    public async Task A_json_body_whose_text_does_not_decode_still_reaches_the_function_unchanged(string hex)
    {
        using var cts = TestTimeout.Start(30);
        var body = Convert.FromHexString(hex);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await fixture.Client.PostAsync("api/binary", content, cts.Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body.Reverse(), await response.Content.ReadAsByteArrayAsync(cts.Token));
    }

    [Fact]
    public async Task The_incoming_trace_id_becomes_the_trace_id_of_the_workers_activity()
    {
        using var cts = TestTimeout.Start(30);
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/trace");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        request.Headers.Add("tracestate", "vendor=value");
        using var response = await fixture.Client.SendAsync(request, cts.Token);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));

        Assert.Equal(traceId, json.RootElement.GetProperty("traceId").GetString());
        Assert.Equal("vendor=value", json.RootElement.GetProperty("traceState").GetString());
    }

    [Fact]
    public async Task Without_a_traceparent_the_worker_still_gets_a_trace()
    {
        using var cts = TestTimeout.Start(30);
        using var json = JsonDocument.Parse(await fixture.Client.GetStringAsync("api/trace", cts.Token));

        var traceId = json.RootElement.GetProperty("traceId").GetString();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.NotEqual(new string('0', 32), traceId);
        var parent = json.RootElement.GetProperty("traceParent").GetString();
        Assert.True(ActivityContext.TryParse(parent, null, out var context), parent);
        Assert.True(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded), $"the new root must be sampled: {parent}");
    }

    [Theory]
    [InlineData("TestSetting", SharedHostFixture.SettingValue)]
    [InlineData("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated")]
    [InlineData("FunctionsHost__MasterKey", "")]
    [InlineData("AZURE_FUNCTIONS_ENVIRONMENT", "Development")]
    public async Task App_settings_reach_the_worker_and_host_settings_do_not(string name, string expected)
    {
        using var cts = TestTimeout.Start(30);

        Assert.Equal(expected, await fixture.Client.GetStringAsync($"api/settings/{name}", cts.Token));
    }

    [Fact]
    public async Task Worker_logs_reach_the_host_log_with_their_category()
    {
        using var cts = TestTimeout.Start(30);
        Assert.Equal("done", await fixture.Client.GetStringAsync("api/slow/1", cts.Token));

        await fixture.Host.WaitForLogAsync(fixture.App.Category("Slow"), cts.Token);
        await fixture.Host.WaitForLogAsync("Slow started for 1 ms", cts.Token);
    }

    [Collection(RpcHttpSharedHostCollection.Name)]
    public sealed class RpcHttp(SharedHostFixture.RpcHttp fixture) : RequestMappingTests(fixture);

    [Collection(AspNetCoreSharedHostCollection.Name)]
    public sealed class AspNetCore(SharedHostFixture.AspNetCore fixture) : RequestMappingTests(fixture);
}
