// Entry point of the benchmark runner: `dotnet run -c Release --project tests/IpfsMount.Benchmarks -- <name> [args]`.
namespace IpfsMount.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: IpfsMount.Benchmarks <benchmark> [args] (benchmarks are added with their issues)");
        return args.Length == 0 ? 2 : 1;
    }
}
