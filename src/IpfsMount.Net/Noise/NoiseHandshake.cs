// The Noise XX handshake (-> e; <- e, ee, s, es; -> s, se) with libp2p payloads and 2-byte length framing.
// Spec: Noise protocol framework rev 34 §7.5 (XX), libp2p/specs noise/README.md (framing, payload, peer check).
using System.Buffers.Binary;
using IpfsMount.Net.Identity;
using NSec.Cryptography;

namespace IpfsMount.Net.Noise;

/// <summary>Runs the handshake over a raw connection and returns the encrypted channel.</summary>
public static class NoiseHandshake
{
    public const string ProtocolId = "/noise";
    private const int KeyLength = 32;

    /// <summary>Runs the initiator side. <paramref name="expectedPeer"/> (if set) must match the responder's key.</summary>
    public static async Task<NoiseSecureChannel> InitiateAsync(Stream stream, PeerIdentity identity, PeerId? expectedPeer, CancellationToken ct)
    {
        using var state = new NoiseSymmetricState();
        using var e = CreateDhKey();
        using var s = CreateDhKey();
        var ePub = e.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var sPub = s.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        // -> e
        state.MixHash(ePub);
        var msg1 = Concat(ePub, state.EncryptAndHash([]));
        await WriteFrameAsync(stream, msg1, ct).ConfigureAwait(false);

        // <- e, ee, s, es
        var msg2 = await ReadFrameAsync(stream, ct).ConfigureAwait(false);
        if (msg2.Length < KeyLength + KeyLength + NoiseCipherState.TagLength + NoiseCipherState.TagLength)
            throw new NoiseHandshakeException($"Noise message 2 is too short ({msg2.Length} bytes)");
        var re = msg2.AsSpan(0, KeyLength).ToArray();
        state.MixHash(re);
        state.MixKey(Dh(e, re));
        var rs = state.DecryptAndHash(msg2.AsSpan(KeyLength, KeyLength + NoiseCipherState.TagLength));
        state.MixKey(Dh(e, rs));
        var payload2 = state.DecryptAndHash(msg2.AsSpan(KeyLength + KeyLength + NoiseCipherState.TagLength));
        var (remoteKey, remotePeer) = NoiseHandshakePayload.Verify(payload2, rs);
        if (expectedPeer is { } want && want != remotePeer)
            throw new NoiseHandshakeException($"dialed peer {want} but the remote proved to be {remotePeer}");

        // -> s, se
        var encS = state.EncryptAndHash(sPub);
        state.MixKey(Dh(s, re));
        var encPayload = state.EncryptAndHash(NoiseHandshakePayload.Create(identity, sPub));
        await WriteFrameAsync(stream, Concat(encS, encPayload), ct).ConfigureAwait(false);

        var (c1, c2) = state.Split();
        return new NoiseSecureChannel(stream, send: c1, receive: c2, remotePeer, remoteKey);
    }

    /// <summary>Runs the responder side; the remote's peer ID comes from its verified payload.</summary>
    public static async Task<NoiseSecureChannel> RespondAsync(Stream stream, PeerIdentity identity, CancellationToken ct)
    {
        using var state = new NoiseSymmetricState();
        using var e = CreateDhKey();
        using var s = CreateDhKey();
        var ePub = e.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var sPub = s.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        // -> e
        var msg1 = await ReadFrameAsync(stream, ct).ConfigureAwait(false);
        if (msg1.Length < KeyLength) throw new NoiseHandshakeException($"Noise message 1 is too short ({msg1.Length} bytes)");
        var re = msg1.AsSpan(0, KeyLength).ToArray();
        state.MixHash(re);
        state.DecryptAndHash(msg1.AsSpan(KeyLength));

        // <- e, ee, s, es
        state.MixHash(ePub);
        state.MixKey(Dh(e, re));
        var encS = state.EncryptAndHash(sPub);
        state.MixKey(Dh(s, re));
        var encPayload = state.EncryptAndHash(NoiseHandshakePayload.Create(identity, sPub));
        await WriteFrameAsync(stream, Concat(Concat(ePub, encS), encPayload), ct).ConfigureAwait(false);

        // -> s, se
        var msg3 = await ReadFrameAsync(stream, ct).ConfigureAwait(false);
        if (msg3.Length < KeyLength + NoiseCipherState.TagLength + NoiseCipherState.TagLength)
            throw new NoiseHandshakeException($"Noise message 3 is too short ({msg3.Length} bytes)");
        var rs = state.DecryptAndHash(msg3.AsSpan(0, KeyLength + NoiseCipherState.TagLength));
        state.MixKey(Dh(e, rs));
        var payload3 = state.DecryptAndHash(msg3.AsSpan(KeyLength + NoiseCipherState.TagLength));
        var (remoteKey, remotePeer) = NoiseHandshakePayload.Verify(payload3, rs);

        var (c1, c2) = state.Split();
        return new NoiseSecureChannel(stream, send: c2, receive: c1, remotePeer, remoteKey);
    }

    private static Key CreateDhKey() => Key.Create(KeyAgreementAlgorithm.X25519);

    private static byte[] Dh(Key local, byte[] remotePublic)
    {
        if (!PublicKey.TryImport(KeyAgreementAlgorithm.X25519, remotePublic, KeyBlobFormat.RawPublicKey, out var pub) || pub is null)
            throw new NoiseHandshakeException("remote sent an invalid X25519 public key");
        var creation = new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        using var secret = KeyAgreementAlgorithm.X25519.Agree(local, pub, in creation)
            ?? throw new NoiseHandshakeException("remote sent a low-order X25519 key");
        return secret.Export(SharedSecretBlobFormat.RawSharedSecret);
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var r = new byte[a.Length + b.Length];
        a.CopyTo(r);
        b.CopyTo(r.AsSpan(a.Length));
        return r;
    }

    private static async Task WriteFrameAsync(Stream stream, byte[] message, CancellationToken ct)
    {
        if (message.Length > NoiseSecureChannel.MaxFrameLength) throw new NoiseHandshakeException("Noise handshake message too large");
        var frame = new byte[2 + message.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)message.Length);
        message.CopyTo(frame, 2);
        await stream.WriteAsync(frame, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadFrameAsync(Stream stream, CancellationToken ct)
    {
        var len = new byte[2];
        try
        {
            await stream.ReadExactlyAsync(len, ct).ConfigureAwait(false);
            var msg = new byte[BinaryPrimitives.ReadUInt16BigEndian(len)];
            await stream.ReadExactlyAsync(msg, ct).ConfigureAwait(false);
            return msg;
        }
        catch (EndOfStreamException e)
        {
            throw new NoiseHandshakeException("connection closed during the Noise handshake", e);
        }
    }
}
