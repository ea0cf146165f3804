// A repo that exists but cannot be used as asked (already initialised, wrong version, unreadable files).
namespace IpfsMount.Storage;

public sealed class RepoException(string message, Exception? inner = null) : Exception(message, inner);
