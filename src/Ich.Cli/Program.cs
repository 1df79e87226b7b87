using Ich.Cli;

return await IchCommandLine.InvokeAsync(args, Console.Out, Console.Error);
