using System.Reflection;

namespace FunctionsOrders.Reconciliation.Tests.Harness;

/// <summary>Build outputs this test assembly was told about at build time.</summary>
internal static class BuiltAssembly
{
    public static string PaymentProvider => Path("PaymentProviderDll");

    public static string Reconcile => Path("ReconcileDll");

    private static string Path(string key) =>
        typeof(BuiltAssembly).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
