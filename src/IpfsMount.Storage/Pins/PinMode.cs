// Kubo's pin kinds: recursive (the whole DAG), direct (one block), indirect (under a recursive pin; computed).
namespace IpfsMount.Storage;

public enum PinMode
{
    Direct = 1,
    Recursive = 2,
    Indirect = 3,
}
