// Writes INodeApi results as HTTP responses: JSON values, NDJSON streams, raw byte streams, and error reports
// (an error before the first byte becomes a status code + ErrorReport; after it, a last NDJSON error line).
using System.Text.Json;
using IpfsMount.Daemon.Api;
using Microsoft.AspNetCore.Http;

namespace IpfsMount.Daemon.Http;

internal static class ApiResponses
{
    private static readonly ReadOnlyMemory<byte> Newline = "\n"u8.ToArray();

    public static async Task JsonAsync<T>(HttpContext http, Func<CancellationToken, Task<T>> call)
    {
        var ct = http.RequestAborted;
        T value;
        try
        {
            value = await call(ct);
        }
        catch (Exception ex)
        {
            await ErrorAsync(http, ex);
            return;
        }
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, value, ApiJson.Options, ct);
    }

    public static async Task StreamAsync<T>(HttpContext http, Func<CancellationToken, IAsyncEnumerable<T>> call)
    {
        var ct = http.RequestAborted;
        var body = http.Response.Body;
        try
        {
            await foreach (var item in call(ct).WithCancellation(ct))
            {
                if (!http.Response.HasStarted) http.Response.ContentType = "application/x-ndjson";
                await JsonSerializer.SerializeAsync(body, new StreamLine<T>(item, null, null), ApiJson.Options, ct);
                await body.WriteAsync(Newline, ct);
                await body.FlushAsync(ct);
            }
            if (!http.Response.HasStarted) http.Response.ContentType = "application/x-ndjson";
        }
        catch (Exception ex) when (!http.Response.HasStarted)
        {
            await ErrorAsync(http, ex);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var report = ErrorReport.From(ex);
            await JsonSerializer.SerializeAsync(body, new StreamLine<T>(default, report.Kind, report.Message), ApiJson.Options, ct);
            await body.WriteAsync(Newline, ct);
        }
    }

    /// <summary>Opens a byte stream first (errors still get a status), then copies it to the response.</summary>
    public static async Task BytesAsync(HttpContext http, Func<CancellationToken, Task<Stream>> open)
    {
        var ct = http.RequestAborted;
        Stream source;
        try
        {
            source = await open(ct);
        }
        catch (Exception ex)
        {
            await ErrorAsync(http, ex);
            return;
        }
        await using (source)
        {
            http.Response.ContentType = "application/octet-stream";
            await source.CopyToAsync(http.Response.Body, 256 * 1024, ct);
        }
    }

    /// <summary>Runs a writer that produces the body itself; an error before any byte becomes a status code.</summary>
    public static async Task WriterAsync(HttpContext http, string contentType, Func<Stream, CancellationToken, Task> write)
    {
        var ct = http.RequestAborted;
        http.Response.ContentType = contentType;
        try
        {
            await write(http.Response.Body, ct);
        }
        catch (Exception ex) when (!http.Response.HasStarted)
        {
            await ErrorAsync(http, ex);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            http.Abort(); // the client sees a truncated body and reports the failure
        }
    }

    public static async Task ErrorAsync(HttpContext http, Exception ex)
    {
        var report = ErrorReport.From(ex);
        http.Response.StatusCode = report.Kind switch
        {
            "not-found" or "repo-not-found" => StatusCodes.Status404NotFound,
            "invalid-input" => StatusCodes.Status400BadRequest,
            "repo-locked" => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status500InternalServerError,
        };
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, report, ApiJson.Options, http.RequestAborted);
    }
}
