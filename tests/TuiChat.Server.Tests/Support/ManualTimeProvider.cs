namespace TuiChat.Server.Tests.Support;

/// <summary>
/// A clock the test moves by hand. Timers still tick in real time (the server's housekeeping
/// timer), but every deadline they check is measured on this clock, so a test can jump a minute
/// ahead without waiting.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
