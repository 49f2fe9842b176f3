using TuiChat.Client.Core.Connection;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// The status line: who, where, how the connection stands, transfers in progress and the
/// client's own hint: "alice @ 127.0.0.1:5000 · connected · uploading a.txt 40% · F1 help · Ctrl+Q quit".
/// Connection changes also become notices in the log ("connection lost (…); reconnecting…",
/// "server shutting down (received SIGTERM); reconnecting…", "disconnected: …").
/// </summary>
public sealed partial class StatusLine : ObservableObject
{
    private readonly IChatEvents _session;
    private readonly string _hint;
    private readonly IReadOnlyCollection<TransferViewModel> _transfers;

    internal StatusLine(IChatEvents session, string hint, IReadOnlyCollection<TransferViewModel> transfers)
    {
        _session = session;
        _hint = hint;
        _transfers = transfers;
        ConnectionStatus = session.Status;
        Update();
    }

    [ObservableProperty]
    public partial ConnectionStatus ConnectionStatus { get; private set; }

    [ObservableProperty]
    public partial string Text { get; private set; } = "";

    /// <summary>Takes a new connection status (UI thread); returns the notice it deserves, if any.</summary>
    internal string? Apply(ConnectionStatus status)
    {
        ConnectionState previous = ConnectionStatus.State;
        ConnectionStatus = status;
        Update();
        return status.State switch
        {
            ConnectionState.Reconnecting when previous == ConnectionState.Connected && status.RetryIn is not null =>
                (status.Reason ?? "connection lost") + "; reconnecting…",
            ConnectionState.Disconnected when previous is ConnectionState.Connected or ConnectionState.Reconnecting => status.Describe(),
            _ => null,
        };
    }

    /// <summary>Rebuilds the text (UI thread): after a login, a transfer's progress, a status change.</summary>
    internal void Update()
    {
        string text = $"{_session.UserName} @ {_session.ServerAddress} · {ConnectionStatus.Describe()}";
        foreach (TransferViewModel transfer in _transfers)
        {
            text += " · " + transfer.Display;
        }
        Text = Core.Text.TextSanitizer.ForLine(text + _hint);
    }
}
