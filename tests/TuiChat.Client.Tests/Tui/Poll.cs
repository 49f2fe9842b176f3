using System.Diagnostics;

namespace TuiChat.Client.Tests.Tui;

/// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
internal static class Poll
{
    public static void Until(Func<bool> condition, TimeSpan timeout, Func<string> describeFailure)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"gave up after {timeout.TotalSeconds:0} s: {describeFailure()}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary><see cref="Until"/> for a condition that must await (a request to the server).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describeFailure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"gave up after {timeout.TotalSeconds:0} s: {describeFailure()}");
            }
            await Task.Delay(50);
        }
    }
}
