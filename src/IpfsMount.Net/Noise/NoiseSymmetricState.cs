// Noise SymmetricState (Noise spec §5.2) for Noise_XX_25519_ChaChaPoly_SHA256: chaining key, handshake hash,
// and the current CipherState (HKDF per Noise §4.3 with HMAC-SHA256).
using System.Security.Cryptography;
using System.Text;

namespace IpfsMount.Net.Noise;

/// <summary>Running handshake hash and chaining key during the Noise handshake.</summary>
internal sealed class NoiseSymmetricState : IDisposable
{
    public const string ProtocolName = "Noise_XX_25519_ChaChaPoly_SHA256";
    private readonly byte[] _ck = new byte[32];
    private readonly byte[] _h = new byte[32];
    private NoiseCipherState? _cipher;

    public NoiseSymmetricState()
    {
        var name = Encoding.ASCII.GetBytes(ProtocolName);
        // The name is exactly 32 bytes (HASHLEN), so h = name without hashing.
        name.CopyTo(_h, 0);
        _h.CopyTo(_ck, 0);
        MixHash([]); // empty prologue
    }

    public ReadOnlySpan<byte> HandshakeHash => _h;

    public void MixHash(ReadOnlySpan<byte> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(_h);
        sha.AppendData(data);
        sha.GetHashAndReset(_h);
    }

    public void MixKey(ReadOnlySpan<byte> inputKeyMaterial)
    {
        Span<byte> output = stackalloc byte[64];
        Hkdf(_ck, inputKeyMaterial, output);
        output[..32].CopyTo(_ck);
        _cipher?.Dispose();
        _cipher = new NoiseCipherState(output[32..]);
        CryptographicOperations.ZeroMemory(output);
    }

    /// <summary>Encrypts (when a key is set) and mixes the ciphertext into h; returns the bytes to send.</summary>
    public byte[] EncryptAndHash(ReadOnlySpan<byte> plaintext)
    {
        byte[] result;
        if (_cipher is null)
        {
            result = plaintext.ToArray();
        }
        else
        {
            result = new byte[plaintext.Length + NoiseCipherState.TagLength];
            _cipher.Encrypt(_h, plaintext, result.AsSpan(0, plaintext.Length), result.AsSpan(plaintext.Length));
        }
        MixHash(result);
        return result;
    }

    public byte[] DecryptAndHash(ReadOnlySpan<byte> message)
    {
        byte[] result;
        if (_cipher is null)
        {
            result = message.ToArray();
        }
        else
        {
            if (message.Length < NoiseCipherState.TagLength)
                throw new NoiseHandshakeException("Noise handshake message is shorter than its authentication tag");
            int len = message.Length - NoiseCipherState.TagLength;
            result = new byte[len];
            try
            {
                _cipher.Decrypt(_h, message[..len], message[len..], result);
            }
            catch (NoiseDecryptionException e)
            {
                throw new NoiseHandshakeException("Noise handshake message failed authentication", e);
            }
        }
        MixHash(message);
        return result;
    }

    /// <summary>Derives the two transport keys (initiator→responder, responder→initiator).</summary>
    public (NoiseCipherState First, NoiseCipherState Second) Split()
    {
        Span<byte> output = stackalloc byte[64];
        Hkdf(_ck, [], output);
        var result = (new NoiseCipherState(output[..32]), new NoiseCipherState(output[32..]));
        CryptographicOperations.ZeroMemory(output);
        return result;
    }

    /// <summary>Noise HKDF with two outputs (spec §4.3): temp = HMAC(ck, ikm); o1 = HMAC(temp, 0x01); o2 = HMAC(temp, o1 ‖ 0x02).</summary>
    private static void Hkdf(ReadOnlySpan<byte> chainingKey, ReadOnlySpan<byte> inputKeyMaterial, Span<byte> output)
    {
        Span<byte> temp = stackalloc byte[32];
        Span<byte> input = stackalloc byte[33];
        HMACSHA256.HashData(chainingKey, inputKeyMaterial, temp);
        input[0] = 1;
        HMACSHA256.HashData(temp, input[..1], output[..32]);
        output[..32].CopyTo(input);
        input[32] = 2;
        HMACSHA256.HashData(temp, input, output[32..64]);
        CryptographicOperations.ZeroMemory(temp);
    }

    public void Dispose()
    {
        _cipher?.Dispose();
        CryptographicOperations.ZeroMemory(_ck);
    }
}
