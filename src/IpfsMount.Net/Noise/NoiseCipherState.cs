// Noise CipherState for ChaChaPoly: a 32-byte key and a 64-bit nonce (Noise spec §5.1, §12.3:
// nonce = 4 zero bytes ‖ little-endian 64-bit counter). Encryption and decryption work in place.
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace IpfsMount.Net.Noise;

/// <summary>One direction of a Noise session: AEAD key and nonce counter.</summary>
public sealed class NoiseCipherState : IDisposable
{
    public const int TagLength = 16;
    private readonly ChaCha20Poly1305 _aead;
    private ulong _nonce;

    public NoiseCipherState(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32) throw new ArgumentException("a ChaChaPoly key has 32 bytes", nameof(key));
        _aead = new ChaCha20Poly1305(key);
    }

    /// <summary>Encrypts plaintext into ciphertext (same length, may be the same memory) and writes the tag.</summary>
    public void Encrypt(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        Span<byte> nonce = stackalloc byte[12];
        NextNonce(nonce);
        _aead.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
    }

    /// <summary>Decrypts in place (or into plaintext); throws <see cref="NoiseDecryptionException"/> on a bad tag.</summary>
    public void Decrypt(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        Span<byte> nonce = stackalloc byte[12];
        NextNonce(nonce);
        try
        {
            _aead.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
        }
        catch (CryptographicException e)
        {
            throw new NoiseDecryptionException("a Noise message failed authentication (tampered or out of order)", e);
        }
    }

    private void NextNonce(Span<byte> nonce)
    {
        if (_nonce == ulong.MaxValue) throw new NoiseDecryptionException("Noise nonce space exhausted; the connection must be re-established", null);
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], _nonce++);
    }

    public void Dispose() => _aead.Dispose();
}
