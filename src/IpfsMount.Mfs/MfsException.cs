// The one domain exception of the MFS: a kind (mapped to errno by adapters) and an actionable message.
namespace IpfsMount.Mfs;

public sealed class MfsException(MfsErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public MfsErrorKind Kind { get; } = kind;

    internal static MfsException NotFound(string path) =>
        new(MfsErrorKind.NotFound, $"{path}: no such file or directory in MFS");

    internal static MfsException NotADirectory(string path) =>
        new(MfsErrorKind.NotADirectory, $"{path}: not a directory");

    internal static MfsException IsADirectory(string path) =>
        new(MfsErrorKind.IsADirectory, $"{path}: is a directory");

    internal static MfsException Exists(string path) =>
        new(MfsErrorKind.AlreadyExists, $"{path}: already exists");

    internal static MfsException NotEmpty(string path) =>
        new(MfsErrorKind.NotEmpty, $"{path}: directory not empty (remove its entries first, or use recursive removal)");
}
