// Ed25519 keystore: one file per key under <repo>/keystore (dir 0700, files 0600) holding the libp2p PrivateKey
// protobuf; `self` is the node identity made at init. Why files and not RocksDB: see DESIGN.md, "Keys".
namespace IpfsMount.Storage;

using System.Security.Cryptography;
using IpfsMount.Core;
using NSec.Cryptography;

public sealed class KeyStore
{
    public const string SelfName = "self";
    public const string DirectoryName = "keystore";

    internal const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    internal const UnixFileMode DirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _dir;
    private readonly Lock _gate = new();

    internal KeyStore(string repoPath)
    {
        _dir = Path.Combine(repoPath, DirectoryName);
    }

    public string DirectoryPath => _dir;

    internal static void CreateDirectory(string repoPath)
    {
        var dir = Path.Combine(repoPath, DirectoryName);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir);
        }
        else
        {
            Directory.CreateDirectory(dir, DirMode);
            File.SetUnixFileMode(dir, DirMode);
        }
    }

    /// <summary>Makes a new random Ed25519 key. Throws KeyStoreException if the name is taken or invalid.</summary>
    public KeyInfo Generate(string name)
    {
        ValidateName(name);
        using var key = Key.Create(SignatureAlgorithm.Ed25519, Exportable);
        return Store(name, key, overwrite: false);
    }

    /// <summary>Stores a key made from a known 32-byte seed (init with a fixed identity, tests).</summary>
    public KeyInfo Create(string name, ReadOnlySpan<byte> seed)
    {
        ValidateName(name);
        using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, Exportable);
        return Store(name, key, overwrite: false);
    }

    /// <summary>Imports libp2p PrivateKey protobuf bytes (what ExportPrivate and `ipfs key export` produce).</summary>
    public KeyInfo Import(string name, ReadOnlySpan<byte> privateKeyProtobuf)
    {
        ValidateName(name);
        var seed = Ed25519PrivateKeyProtobuf.DecodeSeed(privateKeyProtobuf);
        try
        {
            return Create(name, seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>The key's libp2p PrivateKey protobuf bytes (secret: never log or print them).</summary>
    public byte[] ExportPrivate(string name) => ReadKeyFile(name);

    public KeyInfo Get(string name) => Describe(name, ReadKeyFile(name));

    public bool Contains(string name) => IsValidName(name) && File.Exists(PathOf(name));

    /// <summary>All keys, `self` first, then by name.</summary>
    public IReadOnlyList<KeyInfo> List()
    {
        var names = Directory.Exists(_dir)
            ? Directory.GetFiles(_dir).Select(Path.GetFileName).OfType<string>().Where(IsValidName).ToList()
            : [];
        names.Sort(StringComparer.Ordinal);
        if (names.Remove(SelfName))
        {
            names.Insert(0, SelfName);
        }

        return names.Select(Get).ToList();
    }

    public void Remove(string name)
    {
        ValidateName(name);
        if (name == SelfName)
        {
            throw new KeyStoreException("cannot remove key 'self': it is the node identity");
        }

        lock (_gate)
        {
            var path = PathOf(name);
            if (!File.Exists(path))
            {
                throw NotFound(name);
            }

            File.Delete(path);
        }
    }

    public KeyInfo Rename(string oldName, string newName, bool force = false)
    {
        ValidateName(oldName);
        ValidateName(newName);
        if (oldName == SelfName || newName == SelfName)
        {
            throw new KeyStoreException("cannot rename key 'self' or rename a key to 'self': it is the node identity");
        }

        lock (_gate)
        {
            var from = PathOf(oldName);
            if (!File.Exists(from))
            {
                throw NotFound(oldName);
            }

            var to = PathOf(newName);
            if (File.Exists(to) && !force)
            {
                throw new KeyStoreException($"key '{newName}' already exists; pass force to overwrite it");
            }

            File.Move(from, to, overwrite: force);
        }

        return Get(newName);
    }

    /// <summary>The key as an NSec signing key (caller disposes). Used by libp2p (identity) and IPNS (record signing).</summary>
    public Key OpenSigningKey(string name)
    {
        var seed = Ed25519PrivateKeyProtobuf.DecodeSeed(ReadKeyFile(name));
        try
        {
            return Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 100 && name[0] != '.'
        && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-');

    private static void ValidateName(string name)
    {
        if (!IsValidName(name))
        {
            throw new KeyStoreException($"invalid key name '{name}': use 1-100 characters from A-Z a-z 0-9 . _ -, not starting with '.'");
        }
    }

    private static KeyCreationParameters Exportable => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    private KeyInfo Store(string name, Key key, bool overwrite)
    {
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        var pub = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var protobuf = Libp2pKeyProtobuf.EncodeEd25519PrivateKey(seed, pub);
        CryptographicOperations.ZeroMemory(seed);
        lock (_gate)
        {
            var path = PathOf(name);
            if (!overwrite && File.Exists(path))
            {
                throw new KeyStoreException($"key '{name}' already exists");
            }

            if (!Directory.Exists(_dir))
            {
                throw new KeyStoreException($"keystore directory {_dir} is missing; the repo is damaged");
            }

            AtomicFile.Write(path, protobuf, FileMode);
        }

        CryptographicOperations.ZeroMemory(protobuf);
        return DescribePublic(name, pub);
    }

    private byte[] ReadKeyFile(string name)
    {
        ValidateName(name);
        try
        {
            return File.ReadAllBytes(PathOf(name));
        }
        catch (FileNotFoundException)
        {
            throw NotFound(name);
        }
        catch (DirectoryNotFoundException)
        {
            throw NotFound(name);
        }
    }

    private static KeyInfo Describe(string name, byte[] privateProtobuf)
    {
        var seed = Ed25519PrivateKeyProtobuf.DecodeSeed(privateProtobuf);
        CryptographicOperations.ZeroMemory(privateProtobuf);
        using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        CryptographicOperations.ZeroMemory(seed);
        return DescribePublic(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    private static KeyInfo DescribePublic(string name, byte[] rawPublicKey)
    {
        var protobuf = Libp2pKeyProtobuf.EncodeEd25519PublicKey(rawPublicKey);
        return new KeyInfo(name, protobuf, PeerIdentity.ToBase58(protobuf), PeerIdentity.ToIpnsName(protobuf));
    }

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static KeyStoreException NotFound(string name) => new($"no key named '{name}' (see `ipfsmount key list`)");
}
