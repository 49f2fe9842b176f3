using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>away</c>: marks the caller away with a text, or back without one; the people who see it are told (<see cref="IPeople.SetAway"/>).</summary>
public sealed class AwayHandler(IPeople people) : CommandHandler<AwayRequest>
{
    public const int MaxAwayLength = 256;

    protected override void Handle(CommandContext context, AwayRequest request)
    {
        string? text = null;
        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            if (!NameRules.TryValidateText(request.Text, out text, out string error) || text.Length > MaxAwayLength || text.Contains('\n', StringComparison.Ordinal))
            {
                context.Reply.Error(ErrorCodes.TextInvalid, text is null ? error : $"an away text is one line of at most {MaxAwayLength} characters");
                return;
            }
        }
        context.Reply.Ok();
        context.Reply.Then(() => people.SetAway(context.User, text));
    }
}
