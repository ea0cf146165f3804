// Self-describing hash digest: varint(code) varint(length) digest
// (https://github.com/multiformats/multihash). Hashing supports sha2-256, blake3 (32 bytes) and identity.
using System.Security.Cryptography;

namespace IpfsMount.Core;

public readonly struct Multihash : IEquatable<Multihash>
{
    /// <summary>Largest digest accepted when reading (identity multihashes inline data; keep them small).</summary>
    public const int MaxDigestLength = 1 << 20;

    private readonly ReadOnlyMemory<byte> _digest;

    private Multihash(ulong code, ReadOnlyMemory<byte> digest)
    {
        Code = code;
        _digest = digest;
    }

    public ulong Code { get; }

    public ReadOnlyMemory<byte> Digest => _digest;

    public int EncodedLength => Varint.Size(Code) + Varint.Size((ulong)_digest.Length) + _digest.Length;

    /// <summary>True when this library can compute digests of <paramref name="code"/>.</summary>
    public static bool CanCompute(ulong code) =>
        code is Multicodec.Sha2_256 or Multicodec.Blake3 or Multicodec.Identity;

    public static Multihash Compute(ReadOnlySpan<byte> data, ulong code = Multicodec.Sha2_256)
    {
        switch (code)
        {
            case Multicodec.Sha2_256:
                return new Multihash(code, SHA256.HashData(data));
            case Multicodec.Blake3:
                var b3 = new byte[32];
                global::Blake3.Hasher.Hash(data, b3);
                return new Multihash(code, b3);
            case Multicodec.Identity:
                return new Multihash(code, data.ToArray());
            default:
                throw new NotSupportedException(
                    $"cannot hash with multihash function {Multicodec.Name(code)}; supported: sha2-256, blake3, identity");
        }
    }

    /// <summary>Whether <paramref name="data"/> hashes to this multihash (a shorter digest is compared as a truncation).</summary>
    public bool Matches(ReadOnlySpan<byte> data)
    {
        var digest = _digest.Span;
        switch (Code)
        {
            case Multicodec.Sha2_256:
            {
                if (digest.Length > 32) return false;
                Span<byte> full = stackalloc byte[32];
                SHA256.HashData(data, full);
                return full[..digest.Length].SequenceEqual(digest);
            }
            case Multicodec.Blake3:
            {
                if (digest.Length > 64) return false;
                Span<byte> full = stackalloc byte[64];
                global::Blake3.Hasher.Hash(data, full[..digest.Length]);
                return full[..digest.Length].SequenceEqual(digest);
            }
            case Multicodec.Identity:
                return data.SequenceEqual(digest);
            default:
                throw new NotSupportedException(
                    $"cannot verify data against multihash function {Multicodec.Name(Code)}; supported: sha2-256, blake3, identity");
        }
    }

    public static Multihash Create(ulong code, ReadOnlySpan<byte> digest)
    {
        if (code > Varint.MaxValue)
            throw new InvalidMultihashException($"multihash code 0x{code:x} does not fit in a varint");
        CheckDigestLength(code, digest.Length);
        return new Multihash(code, digest.ToArray());
    }

    public static Multihash Read(ReadOnlySpan<byte> src, out int bytesRead)
    {
        ulong code = ReadVarint(src, "multihash code", out int n1);
        ulong length = ReadVarint(src[n1..], "multihash digest length", out int n2);
        if (length > MaxDigestLength)
            throw new InvalidMultihashException($"multihash digest length {length} exceeds the limit of {MaxDigestLength} bytes");
        CheckDigestLength(code, (int)length);
        int start = n1 + n2;
        int remaining = src.Length - start;
        if ((ulong)remaining < length)
            throw new InvalidMultihashException(
                $"multihash is truncated: digest needs {length} bytes but {remaining} remain");
        bytesRead = start + (int)length;
        return new Multihash(code, src.Slice(start, (int)length).ToArray());
    }

    public static Multihash FromBytes(ReadOnlySpan<byte> bytes)
    {
        var mh = Read(bytes, out int n);
        if (n != bytes.Length)
            throw new InvalidMultihashException($"multihash has {bytes.Length - n} unexpected trailing bytes");
        return mh;
    }

    public int WriteTo(Span<byte> dest)
    {
        int need = EncodedLength;
        if (dest.Length < need)
            throw new ArgumentException($"destination needs {need} bytes, has {dest.Length}", nameof(dest));
        int n = Varint.Write(dest, Code);
        n += Varint.Write(dest[n..], (ulong)_digest.Length);
        _digest.Span.CopyTo(dest[n..]);
        return n + _digest.Length;
    }

    public byte[] ToBytes()
    {
        var result = new byte[EncodedLength];
        WriteTo(result);
        return result;
    }

    public bool Equals(Multihash other) => Code == other.Code && _digest.Span.SequenceEqual(other._digest.Span);

    public override bool Equals(object? obj) => obj is Multihash other && Equals(other);

    public override int GetHashCode()
    {
        var hc = new HashCode();
        hc.Add(Code);
        hc.AddBytes(_digest.Span);
        return hc.ToHashCode();
    }

    public static bool operator ==(Multihash left, Multihash right) => left.Equals(right);

    public static bool operator !=(Multihash left, Multihash right) => !left.Equals(right);

    /// <summary>"name:hex-digest", for logs and test failures.</summary>
    public override string ToString() => Multicodec.Name(Code) + ":" + Convert.ToHexStringLower(_digest.Span);

    private static void CheckDigestLength(ulong code, int length)
    {
        if (length > MaxDigestLength)
            throw new InvalidMultihashException($"multihash digest length {length} exceeds the limit of {MaxDigestLength} bytes");
        int max = code switch { Multicodec.Sha2_256 => 32, Multicodec.Blake3 => 64, Multicodec.Murmur3X64_64 => 8, _ => -1 };
        if (max >= 0 && length > max)
            throw new InvalidMultihashException(
                $"{Multicodec.Name(code)} digest must be at most {max} bytes (got {length})");
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> src, string what, out int bytesRead)
    {
        try
        {
            return Varint.Read(src, out bytesRead);
        }
        catch (InvalidVarintException e)
        {
            throw new InvalidMultihashException($"{what}: {e.Message}", e);
        }
    }
}
