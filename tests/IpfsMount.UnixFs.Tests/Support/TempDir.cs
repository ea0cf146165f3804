// A temporary directory deleted on dispose.
namespace IpfsMount.UnixFs.Tests;

internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        // tmpfs when there is one: the shared disk is slow for thousands of small files.
        string root = Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath();
        Path = System.IO.Path.Combine(root, "ipfsmount-unixfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string WriteFile(string relative, ReadOnlySpan<byte> content)
    {
        string full = Combine(relative.Split('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content.ToArray());
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
