// `key gen|list|rm|rename|export|import` on the repository's keystore (Ed25519; key IDs are IPNS names, k51…).
using System.Runtime.CompilerServices;
using IpfsMount.Daemon.Api;

namespace IpfsMount.Daemon.Local;

public sealed partial class LocalNode
{
    public Task<KeyInfo> KeyGenAsync(string name, string type, CancellationToken ct = default)
    {
        if (!string.Equals(type, "ed25519", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"unsupported key type '{type}': only ed25519 is supported");
        return Task.FromResult(Describe(Repo.Keys.Generate(name)));
    }

    public async IAsyncEnumerable<KeyInfo> KeyListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.CompletedTask;
        foreach (var k in Repo.Keys.List()) yield return Describe(k);
    }

    public Task<KeyInfo> KeyRmAsync(string name, CancellationToken ct = default)
    {
        var key = Describe(Repo.Keys.Get(name));
        Repo.Keys.Remove(name);
        return Task.FromResult(key);
    }

    public Task<KeyInfo> KeyRenameAsync(string oldName, string newName, CancellationToken ct = default) =>
        Task.FromResult(Describe(Repo.Keys.Rename(oldName, newName)));

    public Task<byte[]> KeyExportAsync(string name, CancellationToken ct = default) =>
        Task.FromResult(Repo.Keys.ExportPrivate(name));

    public Task<KeyInfo> KeyImportAsync(string name, byte[] privateKey, CancellationToken ct = default) =>
        Task.FromResult(Describe(Repo.Keys.Import(name, privateKey)));

    private static KeyInfo Describe(Storage.KeyInfo key) => new(key.Name, key.IpnsName);
}
