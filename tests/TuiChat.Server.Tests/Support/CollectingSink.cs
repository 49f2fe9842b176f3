using Serilog.Core;
using Serilog.Events;

namespace TuiChat.Server.Tests.Support;

/// <summary>A log sink that keeps every event, for tests that check what the server logs.</summary>
public sealed class CollectingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }
}
