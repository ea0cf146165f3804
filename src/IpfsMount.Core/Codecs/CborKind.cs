// The kinds of value in the dag-cbor data model (https://ipld.io/specs/codecs/dag-cbor/spec/).
namespace IpfsMount.Core;

public enum CborKind
{
    Null,
    Bool,
    Integer,
    Float,
    Text,
    Bytes,
    List,
    Map,
    Link,
}
