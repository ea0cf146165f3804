// KeyStore: the `self` identity, libp2p protobuf export/import, peer ID strings against the reference vectors, modes.
namespace IpfsMount.Storage.Tests;

using NSec.Cryptography;

public sealed class KeyStoreTests
{
    private static readonly System.Text.Json.JsonElement PeerVector = RepoRoot.Vectors().GetProperty("peerId");

    private static string V(string name) => PeerVector.GetProperty(name).GetString()!;

    [Fact]
    public void The_self_key_from_the_vector_seed_gives_the_reference_peer_id_ipns_name_and_protobufs()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init(new RepoInitOptions { IdentitySeed = Convert.FromHexString(V("seedHex")) });
        var self = repo.Keys.Get(KeyStore.SelfName);
        Assert.Equal(V("peerIdBase58"), self.PeerId);
        Assert.Equal(V("peerIdCidV1Base36"), self.IpnsName);
        Assert.Equal(V("publicKeyProtobufHex"), Convert.ToHexStringLower(self.PublicKeyProtobuf));
        Assert.Equal(V("privateKeyProtobufHex"), Convert.ToHexStringLower(repo.Keys.ExportPrivate(KeyStore.SelfName)));
        Assert.Equal(V("peerIdMultihashHex"), Convert.ToHexStringLower(PeerIdentity.PeerIdMultihash(self.PublicKeyProtobuf).ToBytes()));
        Assert.Equal(V("peerIdCidV1Base32"), PeerIdentity.ToCid(self.PublicKeyProtobuf).ToString());
    }

    [Fact]
    public void Init_makes_a_random_self_key_that_lists_first()
    {
        using var a = new TempRepo();
        using var b = new TempRepo();
        using var ra = a.Init();
        using var rb = b.Init();
        var selfA = ra.Keys.List()[0];
        Assert.Equal(KeyStore.SelfName, selfA.Name);
        Assert.StartsWith("12D3KooW", selfA.PeerId);
        Assert.StartsWith("k51", selfA.IpnsName);
        Assert.NotEqual(selfA.PeerId, rb.Keys.Get(KeyStore.SelfName).PeerId);
    }

    [Fact]
    public void A_generated_key_exported_and_imported_elsewhere_has_the_same_peer_id_and_signs_the_same()
    {
        using var a = new TempRepo();
        using var b = new TempRepo();
        using var ra = a.Init();
        using var rb = b.Init();
        var made = ra.Keys.Generate("blog");
        var exported = ra.Keys.ExportPrivate("blog");
        Assert.Equal(68, exported.Length);
        Assert.Equal([0x08, 0x01, 0x12, 0x40], exported[..4]);

        var imported = rb.Keys.Import("blog-copy", exported);
        Assert.Equal(made.PeerId, imported.PeerId);
        Assert.Equal(made.IpnsName, imported.IpnsName);
        Assert.Equal(exported, rb.Keys.ExportPrivate("blog-copy"));

        var message = "sign me"u8.ToArray();
        using var ka = ra.Keys.OpenSigningKey("blog");
        using var kb = rb.Keys.OpenSigningKey("blog-copy");
        var sig = SignatureAlgorithm.Ed25519.Sign(ka, message);
        Assert.True(SignatureAlgorithm.Ed25519.Verify(kb.PublicKey, message, sig));
    }

    [Fact]
    public void The_vector_private_key_protobuf_imports_to_the_vector_peer_id()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var info = repo.Keys.Import("vec", Convert.FromHexString(V("privateKeyProtobufHex")));
        Assert.Equal(V("peerIdBase58"), info.PeerId);
    }

    [Fact]
    public void Key_files_are_0600_in_a_0700_directory()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempRepo();
        using var repo = dir.Init();
        repo.Keys.Generate("k1");
        repo.Keys.Import("k2", repo.Keys.ExportPrivate("k1"));
        repo.Keys.Rename("k2", "k3");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(repo.Keys.DirectoryPath));
        foreach (var name in new[] { "self", "k1", "k3" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(repo.Keys.DirectoryPath, name)));
        }

        Assert.Equal(3, Directory.GetFiles(repo.Keys.DirectoryPath).Length); // no temp files left behind
    }

    [Fact]
    public void Rename_remove_and_list_work_and_self_is_protected()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var k = repo.Keys.Generate("b");
        repo.Keys.Generate("a");
        Assert.Equal(["self", "a", "b"], repo.Keys.List().Select(x => x.Name));

        var renamed = repo.Keys.Rename("b", "c");
        Assert.Equal(k.PeerId, renamed.PeerId);
        Assert.Throws<KeyStoreException>(() => repo.Keys.Rename("a", "c"));
        repo.Keys.Rename("a", "c", force: true);
        Assert.Equal(["self", "c"], repo.Keys.List().Select(x => x.Name));

        Assert.Contains("node identity", Assert.Throws<KeyStoreException>(() => repo.Keys.Remove("self")).Message);
        Assert.Contains("already exists", Assert.Throws<KeyStoreException>(() => repo.Keys.Generate("c")).Message);
        repo.Keys.Remove("c");
        Assert.Contains("no key named 'c'", Assert.Throws<KeyStoreException>(() => repo.Keys.Get("c")).Message);
        Assert.Contains("invalid key name", Assert.Throws<KeyStoreException>(() => repo.Keys.Generate("../escape")).Message);
    }

    [Fact]
    public void Importing_a_non_ed25519_or_mangled_key_fails_with_a_clear_error()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var rsa = new byte[] { 0x08, 0x00, 0x12, 0x03, 1, 2, 3 };
        Assert.Contains("RSA is not supported", Assert.Throws<KeyFormatException>(() => repo.Keys.Import("x", rsa)).Message);
        var good = Convert.FromHexString(V("privateKeyProtobufHex"));
        var wrongPub = (byte[])good.Clone();
        wrongPub[^1] ^= 1;
        Assert.Contains("does not belong", Assert.Throws<KeyFormatException>(() => repo.Keys.Import("x", wrongPub)).Message);
        Assert.Contains("truncated", Assert.Throws<KeyFormatException>(() => repo.Keys.Import("x", good[..3])).Message);
        Assert.False(repo.Keys.Contains("x"));
    }
}
