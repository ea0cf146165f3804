// Thrown when the repo `config` file cannot be parsed or holds an invalid value.
namespace IpfsMount.Storage;

public sealed class RepoConfigException(string message, Exception? inner = null) : Exception(message, inner);
