namespace FunctionsOrders.Micro;

/// <summary>Results of code that is asynchronous in signature but completes synchronously on in-memory streams.</summary>
internal static class Completed
{
    public static T Result<T>(Task<T> task) => task.IsCompletedSuccessfully
        ? task.Result
        : throw new InvalidOperationException("Expected the operation to complete synchronously; the benchmark would measure a wait.");
}
