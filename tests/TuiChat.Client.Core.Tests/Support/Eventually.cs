namespace TuiChat.Client.Core.Tests.Support;

/// <summary>Polls a condition until it holds or a generous deadline passes; tests never sleep a fixed time.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task True(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting for " + what);
            }
            await Task.Delay(10);
        }
    }

    /// <summary>Waits for a task with the default deadline, failing the test instead of hanging it.</summary>
    public static async Task<T> Within<T>(Task<T> task, TimeSpan? timeout = null) =>
        await task.WaitAsync(timeout ?? DefaultTimeout);

    public static async Task Within(Task task, TimeSpan? timeout = null) =>
        await task.WaitAsync(timeout ?? DefaultTimeout);
}
