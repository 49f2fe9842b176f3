namespace TuiChat.Server.Chat;

/// <summary>
/// The time of each line this server numbers, to the millisecond: the grain of IRC's server-time
/// tag, by which IRC clients page through history (<c>CHATHISTORY BEFORE timestamp=</c>). Two
/// lines never share a millisecond, so the time of a line names it and no line of the same
/// millisecond falls between two pages; a burst within one millisecond takes the next ones. The
/// lead over the clock stays under <see cref="MaxLead"/>: past it (the clock was set back, or a
/// second of over a thousand lines), times follow the clock again. Not thread-safe: lines are
/// numbered under the ChatState lock, their ids with their times.
/// </summary>
internal sealed class LineClock
{
    public static readonly TimeSpan MaxLead = TimeSpan.FromSeconds(1);

    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public DateTimeOffset Next(DateTimeOffset now)
    {
        var millisecond = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        _last = millisecond > _last || _last - millisecond >= MaxLead ? millisecond : _last.AddMilliseconds(1);
        return _last;
    }
}
