using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>away</c>: marks the caller away with a text, or back without one; the people who see it are told (<see cref="IPeople.SetAway"/>).</summary>
public sealed class AwayHandler(IPeople people) : CommandHandler<AwayRequest>
{
    protected override void Handle(CommandContext context, AwayRequest request)
    {
        if (!StatusText.TryValidate(request.Text, out string? text, out string error))
        {
            context.Reply.Error(ErrorCodes.TextInvalid, $"an away text: {error}");
            return;
        }
        context.Reply.Ok();
        context.Reply.Then(() => people.SetAway(context.User, text));
    }
}
