using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>topic</c>: any member sets the room's topic; members get a <c>topic</c> event.</summary>
public sealed class TopicHandler : CommandHandler<TopicRequest>
{
    public const int MaxTopicBytes = 512;

    protected override CommandResult Handle(CommandContext context, TopicRequest request)
    {
        if (!IsValidRoom(request.Room, out CommandResult refusal))
        {
            return refusal;
        }
        if (!NameRules.TryValidateLine(request.Topic, MaxTopicBytes, out string topic, out string error))
        {
            return CommandResult.Fail(ErrorCodes.TextInvalid, error);
        }
        Outcome outcome = context.Services.State.SetTopic(context.User, request.Room, topic);
        return outcome.Ok ? Ok(context) : CommandResult.Fail(outcome);
    }
}
