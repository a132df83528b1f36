using System.Net;
using System.Text.Json;

namespace FunctionsOrders.OrderFunctions.Tests.Fuzz;

/// <summary>What every refusal must look like: the expected 4xx with a parseable RFC 9457 problem document.</summary>
internal static class ProblemAnswer
{
    public const string MediaType = "application/problem+json";

    /// <summary>
    /// Null when <paramref name="response"/> is a proper refusal with <paramref name="expected"/>; else what is wrong.
    /// With <paramref name="fieldErrors"/>, a 400 must also name the invalid fields in an <c>errors</c> member.
    /// </summary>
    public static async Task<string?> CheckAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken, bool fieldErrors = false)
    {
        var status = (int)response.StatusCode;
        if (status is < 400 or >= 500)
        {
            return $"answered {status}, not a 4xx";
        }

        if (response.StatusCode != expected)
        {
            return $"answered {status}, expected {(int)expected}";
        }

        if (response.Content.Headers.ContentType?.MediaType != MediaType)
        {
            return $"Content-Type is '{response.Content.Headers.ContentType}', not {MediaType}";
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("status", out var statusMember) || statusMember.GetInt32() != status
                || !root.TryGetProperty("title", out var title) || string.IsNullOrEmpty(title.GetString()))
            {
                return $"problem document lacks a matching status or a title: {problem.RootElement}";
            }

            if (fieldErrors && status == 400 && (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object || !errors.EnumerateObject().Any()))
            {
                return $"400 without an errors member naming a field: {root}";
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return $"problem body does not parse ({ex.Message})";
        }

        return null;
    }
}
