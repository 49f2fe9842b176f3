using System.Diagnostics;

namespace TuiChat.TestSupport;

/// <summary>Waits for a condition by polling it until a deadline, instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(20);

    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan limit = deadline ?? DefaultDeadline;
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"still not true after {limit.TotalSeconds:0} s: {what}");
            }

            await Task.Delay(10);
        }
    }
}
