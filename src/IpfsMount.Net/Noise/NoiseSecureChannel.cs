// Noise transport phase: 2-byte big-endian length + ChaChaPoly ciphertext frames (≤ 65535 bytes) over TCP.
// Spec: libp2p/specs noise/README.md §"Wire Format". Decrypts in place in a large receive buffer and
// coalesces many plaintext writes into few frames and one socket write per flush.
using System.Buffers.Binary;
using IpfsMount.Net.Identity;

namespace IpfsMount.Net.Noise;

/// <summary>An authenticated, encrypted byte stream to one remote peer. One reader and one writer at a time.</summary>
public sealed class NoiseSecureChannel : IAsyncDisposable
{
    public const int MaxFrameLength = 65535;
    public const int MaxPlaintextPerFrame = MaxFrameLength - NoiseCipherState.TagLength;
    private const int BufferSize = 8 * (2 + MaxFrameLength);

    private readonly Stream _inner;
    private readonly NoiseCipherState _send;
    private readonly NoiseCipherState _receive;
    private readonly byte[] _in = GC.AllocateUninitializedArray<byte>(BufferSize);
    private readonly byte[] _out = GC.AllocateUninitializedArray<byte>(BufferSize);
    private int _rawStart, _rawEnd, _plainStart, _plainEnd;
    private int _outLength, _frameStart = -1, _framePlainLength;

    internal NoiseSecureChannel(Stream inner, NoiseCipherState send, NoiseCipherState receive, PeerId remotePeer, byte[] remotePublicKey)
    {
        _inner = inner;
        _send = send;
        _receive = receive;
        RemotePeer = remotePeer;
        RemotePublicKeyProtobuf = remotePublicKey;
    }

    public PeerId RemotePeer { get; }

    public byte[] RemotePublicKeyProtobuf { get; }

    /// <summary>Reads decrypted bytes; returns 0 at a clean end of the connection.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken ct)
    {
        if (_plainStart == _plainEnd && !await FillPlaintextAsync(ct).ConfigureAwait(false)) return 0;
        int n = Math.Min(destination.Length, _plainEnd - _plainStart);
        _in.AsSpan(_plainStart, n).CopyTo(destination.Span);
        _plainStart += n;
        return n;
    }

    public async ValueTask ReadExactlyAsync(Memory<byte> destination, CancellationToken ct)
    {
        while (destination.Length > 0)
        {
            int n = await ReadAsync(destination, ct).ConfigureAwait(false);
            if (n == 0) throw new EndOfStreamException("the secure connection closed in the middle of a message");
            destination = destination[n..];
        }
    }

    /// <summary>Buffers plaintext into frames; frames are sealed and sent on <see cref="FlushAsync"/> or when the buffer fills.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        while (data.Length > 0)
        {
            if (_frameStart < 0)
            {
                if (_out.Length - _outLength < 2 + MaxFrameLength) await SendBufferAsync(ct).ConfigureAwait(false);
                _frameStart = _outLength;
                _framePlainLength = 0;
                _outLength += 2;
            }
            int n = Math.Min(data.Length, MaxPlaintextPerFrame - _framePlainLength);
            data.Span[..n].CopyTo(_out.AsSpan(_outLength));
            _outLength += n;
            _framePlainLength += n;
            data = data[n..];
            if (_framePlainLength == MaxPlaintextPerFrame) SealFrame();
        }
    }

    public async ValueTask FlushAsync(CancellationToken ct)
    {
        if (_frameStart >= 0) SealFrame();
        await SendBufferAsync(ct).ConfigureAwait(false);
        await _inner.FlushAsync(ct).ConfigureAwait(false);
    }

    private void SealFrame()
    {
        var plain = _out.AsSpan(_frameStart + 2, _framePlainLength);
        _send.Encrypt([], plain, plain, _out.AsSpan(_frameStart + 2 + _framePlainLength, NoiseCipherState.TagLength));
        BinaryPrimitives.WriteUInt16BigEndian(_out.AsSpan(_frameStart), (ushort)(_framePlainLength + NoiseCipherState.TagLength));
        _outLength += NoiseCipherState.TagLength;
        _frameStart = -1;
    }

    private async ValueTask SendBufferAsync(CancellationToken ct)
    {
        if (_frameStart >= 0) throw new InvalidOperationException("cannot send an unsealed frame");
        if (_outLength == 0) return;
        await _inner.WriteAsync(_out.AsMemory(0, _outLength), ct).ConfigureAwait(false);
        _outLength = 0;
    }

    private async ValueTask<bool> FillPlaintextAsync(CancellationToken ct)
    {
        while (true)
        {
            int available = _rawEnd - _rawStart;
            if (available >= 2)
            {
                int len = BinaryPrimitives.ReadUInt16BigEndian(_in.AsSpan(_rawStart));
                if (len < NoiseCipherState.TagLength)
                    throw new NoiseDecryptionException($"Noise frame of {len} bytes is shorter than its tag", null);
                if (available >= 2 + len)
                {
                    int plainLength = len - NoiseCipherState.TagLength;
                    var cipher = _in.AsSpan(_rawStart + 2, plainLength);
                    _receive.Decrypt([], cipher, _in.AsSpan(_rawStart + 2 + plainLength, NoiseCipherState.TagLength), cipher);
                    _plainStart = _rawStart + 2;
                    _plainEnd = _plainStart + plainLength;
                    _rawStart += 2 + len;
                    if (plainLength > 0) return true;
                    continue;
                }
            }
            if (_rawStart == _rawEnd)
            {
                _rawStart = _rawEnd = 0;
            }
            else if (_in.Length - _rawEnd < 2 + MaxFrameLength)
            {
                Buffer.BlockCopy(_in, _rawStart, _in, 0, available);
                _rawStart = 0;
                _rawEnd = available;
            }
            int read = await _inner.ReadAsync(_in.AsMemory(_rawEnd), ct).ConfigureAwait(false);
            if (read == 0)
            {
                if (available == 0) return false;
                throw new EndOfStreamException("the connection closed in the middle of a Noise frame");
            }
            _rawEnd += read;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        _send.Dispose();
        _receive.Dispose();
    }
}
