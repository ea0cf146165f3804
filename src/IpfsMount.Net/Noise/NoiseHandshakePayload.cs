// The libp2p Noise handshake payload: identity key + signature over "noise-libp2p-static-key:" ‖ static key.
// Spec: libp2p/specs noise/README.md §"The libp2p Handshake Payload" (fields 1, 2; 4 = extensions, ignored).
using System.Text;
using IpfsMount.Core;
using IpfsMount.Net.Identity;
using IpfsMount.Net.Protobuf;

namespace IpfsMount.Net.Noise;

/// <summary>Builds and verifies the identity-binding payload of the Noise handshake.</summary>
internal static class NoiseHandshakePayload
{
    private static readonly byte[] SignaturePrefix = Encoding.ASCII.GetBytes("noise-libp2p-static-key:");

    public static byte[] Create(PeerIdentity identity, ReadOnlySpan<byte> staticPublicKey)
    {
        return LibP2pProtobuf.EncodeLenFields(
            [(1, identity.PublicKeyProtobuf), (2, identity.Sign(SignedBytes(staticPublicKey)))]);
    }

    /// <summary>Checks the signature and returns the remote's PublicKey protobuf and peer ID.</summary>
    public static (byte[] PublicKeyProtobuf, PeerId PeerId) Verify(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> remoteStaticKey)
    {
        byte[]? key = null, sig = null;
        try
        {
            var r = LibP2pProtobuf.Reader(payload, "Noise handshake payload");
            while (!r.AtEnd)
            {
                var (field, wire) = r.ReadTag();
                if (field is 1 or 2)
                {
                    r.Expect(field, wire, ProtobufReader.WireLen);
                    var value = r.ReadLengthDelimited().ToArray();
                    if (field == 1) key = value;
                    else sig = value;
                }
                else
                {
                    r.Skip(wire);
                }
            }
        }
        catch (InvalidProtobufException e)
        {
            throw new NoiseHandshakeException("remote's Noise handshake payload is malformed: " + e.Message);
        }
        if (key is null || sig is null)
            throw new NoiseHandshakeException("remote's Noise handshake payload lacks its identity key or signature");
        bool valid;
        try
        {
            valid = PeerIdentity.Verify(key, SignedBytes(remoteStaticKey), sig);
        }
        catch (FormatException e)
        {
            throw new NoiseHandshakeException("remote's identity key is unusable: " + e.Message);
        }
        if (!valid) throw new NoiseHandshakeException("remote's signature over its Noise static key is invalid");
        return (key, PeerId.FromPublicKeyProtobuf(key));
    }

    private static byte[] SignedBytes(ReadOnlySpan<byte> staticKey)
    {
        var data = new byte[SignaturePrefix.Length + staticKey.Length];
        SignaturePrefix.CopyTo(data, 0);
        staticKey.CopyTo(data.AsSpan(SignaturePrefix.Length));
        return data;
    }
}
