// JSON settings and the newline-delimited envelope used by the HTTP API's streaming responses.
using System.Text.Json;

namespace IpfsMount.Daemon.Http;

public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

/// <summary>One line of a streamed (NDJSON) response: a value, or the error that ended the stream.</summary>
public sealed record StreamLine<T>(T? Value, string? ErrorKind, string? ErrorMessage);
