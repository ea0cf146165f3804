// An immutable dag-cbor value (https://ipld.io/specs/codecs/dag-cbor/spec/): null, bool, integer (-2^64..2^64-1),
// float64, text, bytes, list, map with text keys kept in canonical order (length first, then bytewise), CID link.
using System.Text;

namespace IpfsMount.Core;

public sealed class CborValue : IEquatable<CborValue>
{
    public static readonly CborValue Null = new(CborKind.Null, null, 0, false);
    public static readonly CborValue True = new(CborKind.Bool, null, 1, false);
    public static readonly CborValue False = new(CborKind.Bool, null, 0, false);

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly object? _ref;      // string, byte[], CborValue[], MapEntry[], Cid (boxed)
    private readonly ulong _bits;       // bool, integer magnitude, float64 bits
    private readonly bool _negative;    // integer value is -1 - _bits

    private CborValue(CborKind kind, object? reference, ulong bits, bool negative)
    {
        Kind = kind;
        _ref = reference;
        _bits = bits;
        _negative = negative;
    }

    public CborKind Kind { get; }

    public static CborValue Bool(bool value) => value ? True : False;

    public static CborValue Integer(long value) =>
        value >= 0 ? new(CborKind.Integer, null, (ulong)value, false) : new(CborKind.Integer, null, (ulong)(-1 - value), true);

    public static CborValue Unsigned(ulong value) => new(CborKind.Integer, null, value, false);

    /// <summary>The integer -1 - <paramref name="n"/> (CBOR major type 1), down to -2^64.</summary>
    public static CborValue Negative(ulong n) => new(CborKind.Integer, null, n, true);

    public static CborValue Float(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException("dag-cbor does not allow NaN or infinities", nameof(value));
        return new(CborKind.Float, null, (ulong)BitConverter.DoubleToInt64Bits(value), false);
    }

    public static CborValue Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StrictUtf8.GetByteCount(value); // throws on lone surrogates: dag-cbor text is valid UTF-8
        return new(CborKind.Text, value, 0, false);
    }

    public static CborValue Bytes(ReadOnlySpan<byte> value) => new(CborKind.Bytes, value.ToArray(), 0, false);

    public static CborValue Link(Cid cid)
    {
        if (cid.IsDefault) throw new ArgumentException("a dag-cbor link needs a CID", nameof(cid));
        return new(CborKind.Link, cid, 0, false);
    }

    public static CborValue List(params IEnumerable<CborValue> items) => new(CborKind.List, items.ToArray(), 0, false);

    /// <summary>A map; entries are sorted into dag-cbor canonical order. Duplicate keys are an error.</summary>
    public static CborValue Map(params IEnumerable<KeyValuePair<string, CborValue>> entries)
    {
        var list = new List<MapEntry>();
        foreach (var (key, value) in entries)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            list.Add(new MapEntry(key, StrictUtf8.GetBytes(key), value));
        }
        var array = list.ToArray();
        Array.Sort(array, static (a, b) => CompareKeys(a.KeyUtf8, b.KeyUtf8));
        for (int i = 1; i < array.Length; i++)
        {
            if (CompareKeys(array[i - 1].KeyUtf8, array[i].KeyUtf8) == 0)
                throw new ArgumentException($"duplicate map key '{array[i].Key}'", nameof(entries));
        }
        return new(CborKind.Map, array, 0, false);
    }

    public bool AsBool() => Kind == CborKind.Bool ? _bits != 0 : throw WrongKind(CborKind.Bool);

    public bool IsNegative => Kind == CborKind.Integer ? _negative : throw WrongKind(CborKind.Integer);

    /// <summary>For a non-negative integer its value; for a negative one, n where the value is -1 - n.</summary>
    public ulong IntegerMagnitude => Kind == CborKind.Integer ? _bits : throw WrongKind(CborKind.Integer);

    public long AsInt64()
    {
        if (Kind != CborKind.Integer) throw WrongKind(CborKind.Integer);
        if (_bits > long.MaxValue) throw new OverflowException("dag-cbor integer does not fit in a long");
        return _negative ? -1 - (long)_bits : (long)_bits;
    }

    public ulong AsUInt64()
    {
        if (Kind != CborKind.Integer) throw WrongKind(CborKind.Integer);
        if (_negative) throw new OverflowException("dag-cbor integer is negative");
        return _bits;
    }

    public double AsDouble() => Kind == CborKind.Float ? BitConverter.Int64BitsToDouble((long)_bits) : throw WrongKind(CborKind.Float);

    public string AsText() => Kind == CborKind.Text ? (string)_ref! : throw WrongKind(CborKind.Text);

    public ReadOnlyMemory<byte> AsBytes() => Kind == CborKind.Bytes ? (byte[])_ref! : throw WrongKind(CborKind.Bytes);

    public Cid AsLink() => Kind == CborKind.Link ? (Cid)_ref! : throw WrongKind(CborKind.Link);

    public IReadOnlyList<CborValue> AsList() => Kind == CborKind.List ? (CborValue[])_ref! : throw WrongKind(CborKind.List);

    /// <summary>Map entries in canonical order.</summary>
    public IReadOnlyList<KeyValuePair<string, CborValue>> AsMap()
    {
        var entries = MapEntries;
        var result = new KeyValuePair<string, CborValue>[entries.Length];
        for (int i = 0; i < entries.Length; i++) result[i] = new(entries[i].Key, entries[i].Value);
        return result;
    }

    public int Count => Kind switch
    {
        CborKind.Map => MapEntries.Length,
        CborKind.List => ((CborValue[])_ref!).Length,
        _ => throw new InvalidOperationException($"a dag-cbor {Kind} has no Count"),
    };

    public bool TryGet(string key, out CborValue value)
    {
        foreach (var e in MapEntries)
        {
            if (e.Key == key)
            {
                value = e.Value;
                return true;
            }
        }
        value = Null;
        return false;
    }

    public CborValue this[string key] =>
        TryGet(key, out var v) ? v : throw new KeyNotFoundException($"dag-cbor map has no key '{key}'");

    internal MapEntry[] MapEntries => Kind == CborKind.Map ? (MapEntry[])_ref! : throw WrongKind(CborKind.Map);

    internal CborValue[] ListItems => (CborValue[])_ref!;

    internal byte[] ByteArray => (byte[])_ref!;

    internal ulong RawBits => _bits;

    internal bool RawNegative => _negative;

    /// <summary>dag-cbor map key order: shorter UTF-8 first, then bytewise.</summary>
    internal static int CompareKeys(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);

    /// <summary>Wraps already-sorted, duplicate-free entries (used by the decoder, which checks order itself).</summary>
    internal static CborValue FromSortedEntries(MapEntry[] entries) => new(CborKind.Map, entries, 0, false);

    internal static CborValue FromListItems(CborValue[] items) => new(CborKind.List, items, 0, false);

    internal static CborValue FromOwnedBytes(byte[] bytes) => new(CborKind.Bytes, bytes, 0, false);

    internal static CborValue FromValidText(string text) => new(CborKind.Text, text, 0, false);

    internal static CborValue FromFloatBits(ulong bits) => new(CborKind.Float, null, bits, false);

    public bool Equals(CborValue? other)
    {
        if (other is null || other.Kind != Kind) return false;
        if (ReferenceEquals(this, other)) return true;
        return Kind switch
        {
            CborKind.Null => true,
            CborKind.Bool or CborKind.Float => _bits == other._bits,
            CborKind.Integer => _bits == other._bits && _negative == other._negative,
            CborKind.Text => (string)_ref! == (string)other._ref!,
            CborKind.Bytes => ByteArray.AsSpan().SequenceEqual(other.ByteArray),
            CborKind.Link => AsLink() == other.AsLink(),
            CborKind.List => ListsEqual(ListItems, other.ListItems),
            _ => MapsEqual(MapEntries, other.MapEntries),
        };
    }

    public override bool Equals(object? obj) => Equals(obj as CborValue);

    public override int GetHashCode() => Kind switch
    {
        CborKind.Text => HashCode.Combine(Kind, (string)_ref!),
        CborKind.Link => HashCode.Combine(Kind, AsLink()),
        CborKind.List or CborKind.Map => HashCode.Combine(Kind, Count),
        CborKind.Bytes => HashCode.Combine(Kind, ByteArray.Length),
        _ => HashCode.Combine(Kind, _bits, _negative),
    };

    public override string ToString() => Kind switch
    {
        CborKind.Null => "null",
        CborKind.Bool => AsBool() ? "true" : "false",
        CborKind.Integer => _negative ? "-" + ((System.Numerics.BigInteger)_bits + 1) : _bits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CborKind.Float => AsDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        CborKind.Text => "\"" + AsText() + "\"",
        CborKind.Bytes => "h'" + Convert.ToHexStringLower(ByteArray) + "'",
        CborKind.Link => "42(" + AsLink() + ")",
        CborKind.List => "[" + string.Join(", ", (IEnumerable<CborValue>)ListItems) + "]",
        _ => "{" + string.Join(", ", MapEntries.Select(e => $"\"{e.Key}\": {e.Value}")) + "}",
    };

    private static bool ListsEqual(CborValue[] a, CborValue[] b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++) if (!a[i].Equals(b[i])) return false;
        return true;
    }

    private static bool MapsEqual(MapEntry[] a, MapEntry[] b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i].Key != b[i].Key || !a[i].Value.Equals(b[i].Value)) return false;
        }
        return true;
    }

    private InvalidOperationException WrongKind(CborKind wanted) =>
        new($"dag-cbor value is a {Kind}, not a {wanted}");

    internal sealed record MapEntry(string Key, byte[] KeyUtf8, CborValue Value);
}
