using Ich.Training.Host;

return await TrainingCommandLine.InvokeAsync(args, Console.Out, Console.Error);
