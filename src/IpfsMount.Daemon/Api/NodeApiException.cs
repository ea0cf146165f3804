// An error reported by the node API with a user-facing message; Kind names the original error class so both
// implementations (local and remote) surface the same one line.
namespace IpfsMount.Daemon.Api;

public sealed class NodeApiException : Exception
{
    public NodeApiException(string kind, string message) : base(message) => Kind = kind;

    public string Kind { get; }
}
