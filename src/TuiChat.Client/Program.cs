using TuiChat.Client;

return ClientCommandLine.Run(args);
