using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace TuiChat.Server;

/// <summary>
/// The rolling log file, behind a sink that can close and reopen it (on SIGHUP): after logrotate
/// moves the file away, the server writes to a fresh file of the same name instead of the moved one.
/// </summary>
internal sealed class ReopenableFileSink(Func<Logger> open) : ILogEventSink, IDisposable
{
    private readonly Lock _gate = new();
    private Logger _file = open();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            _file.Write(logEvent);
        }
    }

    /// <summary>Closes the current file (flushing it) and opens the configured path again.</summary>
    public void Reopen()
    {
        lock (_gate)
        {
            _file.Dispose();
            _file = open();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }
}
