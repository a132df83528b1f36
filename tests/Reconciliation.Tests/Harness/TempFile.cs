namespace FunctionsOrders.Reconciliation.Tests.Harness;

/// <summary>A file in the temp folder, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    private TempFile(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public static async Task<TempFile> WriteAsync(IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var file = new TempFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"reconcile-{Guid.NewGuid():N}.txt"));
        await File.WriteAllLinesAsync(file.Path, lines, cancellationToken);
        return file;
    }

    public void Dispose() => File.Delete(Path);
}
