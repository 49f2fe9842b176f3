using TuiChat.Client.Core.Connection;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// The user's own lines: shown at once as pending (dimmed), then confirmed in place by the
/// server's <c>ok</c> (msgId, ts) or by the echo of the message, whichever comes first, and
/// never shown twice. A refused line leaves the log and the error says what was not sent; one
/// given while disconnected is not shown at all, and the error says so. A direct message is sealed first (<see cref="DirectEncryption"/>); one that must not go (a changed key) is
/// not shown as pending: the warning says why.
/// </summary>
internal sealed class MessageSender(ChatContext context)
{
    /// <summary>Sends <paramref name="text"/> to <paramref name="conversation"/>; call on the UI thread.</summary>
    public async Task SendAsync(ConversationViewModel conversation, string text)
    {
        ThrowIfDisconnected(text);
        string? wire = conversation.Kind == ConversationKind.Direct
            ? await context.DirectEncryption.SealIfDirectAsync(conversation.Target, text).ConfigureAwait(false)
            : text;
        if (wire is null)
        {
            return;
        }
        LogLine pending = context.MakeLine(null, context.Settings.Time.GetUtcNow(), LineKind.Own, context.UserName,
            Text.TextSanitizer.ForText(text), pending: true);
        context.Post(() => context.Conversations.AddLine(conversation, pending));
        try
        {
            MsgOk ok = await context.Requests.SendMessageAsync(conversation.Target, wire).ConfigureAwait(false);
            LogLine confirmed = pending with { MsgId = ok.MsgId, Time = context.ParseTime(ok.Ts), Pending = false };
            context.Post(() =>
            {
                context.Conversations.Confirm(conversation, pending, confirmed with { TimeText = context.Settings.TimeText(confirmed.Time) });
                if (ok.Away is { } away)
                {
                    // The automatic reply of a direct message's recipient who is away (IRC's 301).
                    context.Conversations.AddNotice(conversation, $"{conversation.Name} is away: {Text.TextSanitizer.ForLine(away)}");
                }
            });
        }
        catch (ChatRequestException e)
        {
            context.Post(() => conversation.Remove(pending));
            throw new ChatRequestException(e.Code, $"{e.Message}; {NotSent(e)}: {pending.Text}", e) { Unanswered = e.Unanswered };
        }
    }

    /// <summary>
    /// What became of a line that failed: "not sent", unless it went out and the connection ended
    /// before the answer. The server may then have stored it, and the reconnect's catch-up shows
    /// it in the log if so: "not sent" would have the user send it twice.
    /// </summary>
    private static string NotSent(ChatRequestException e) =>
        e.Unanswered ? "perhaps not sent (the log shows it after the reconnect if the server got it)" : "not sent";

    /// <summary>
    /// A line given between sessions could only fail: it is refused before it is shown as pending,
    /// since a client that cannot take a printed line back (the menu) would show it as said.
    /// </summary>
    private void ThrowIfDisconnected(string text)
    {
        if (context.ConnectionStatus.IsBetweenSessions)
        {
            throw new ChatRequestException(ChatRequestException.Disconnected, "not sent, still disconnected: " + text);
        }
    }

    /// <summary>
    /// Sends <paramref name="text"/> to a room or group by name: shown there when it is open here;
    /// otherwise (the menu client may send to any room it is in) there is no line to show, so the
    /// error says what was not sent.
    /// </summary>
    public async Task SendToRoomAsync(string room, string text)
    {
        ConversationViewModel? conversation = null;
        context.Post(() => conversation = context.Conversations.Find(room));
        if (conversation is not null)
        {
            await SendAsync(conversation, text).ConfigureAwait(false);
            return;
        }
        ThrowIfDisconnected(text);
        try
        {
            await context.Requests.SendMessageAsync(room, text).ConfigureAwait(false);
        }
        catch (ChatRequestException e)
        {
            throw new ChatRequestException(e.Code, $"{e.Message}; {NotSent(e)}: {text}", e) { Unanswered = e.Unanswered };
        }
    }
}
