// MFS paths: absolute, '/'-separated, no empty, "." or ".." components (like `ipfs files`).
namespace IpfsMount.Mfs;

public static class MfsPath
{
    /// <summary>The components of an absolute MFS path; "/" gives none. Throws InvalidArgument.</summary>
    public static string[] Split(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/')
            throw new MfsException(MfsErrorKind.InvalidArgument, $"'{path}': MFS paths must be absolute (start with '/')");
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var p in parts)
            if (!IsValidName(p))
                throw new MfsException(MfsErrorKind.InvalidArgument, $"'{path}': component '{p}' is not allowed in an MFS path");
        return parts;
    }

    public static string Normalize(string path) => "/" + string.Join('/', Split(path));

    public static bool IsValidName(string name) =>
        name.Length > 0 && name != "." && name != ".." && !name.Contains('/') && !name.Contains('\0');

    public static string Combine(string dir, string name) => dir == "/" ? "/" + name : dir + "/" + name;
}
