
# The resources fnctl makes for the same spec (docs/providers.md#aws), written as Terraform users
# write them. bench/aws puts the locals (which function has which trigger) in front of this.

# ---- per function: a role (basic execution policy; inline consume policy for queue consumers) and the Lambda

locals {
  trust = { for service in ["lambda", "scheduler"] : service => jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "${service}.amazonaws.com" }, Action = "sts:AssumeRole" }]
  }) }
}

resource "aws_iam_role" "fn" {
  for_each           = local.functions
  name               = "bench-aws-${each.key}"
  assume_role_policy = local.trust["lambda"]
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "basic" {
  for_each   = local.functions
  role       = aws_iam_role.fn[each.key].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_lambda_function" "fn" {
  for_each         = local.functions
  function_name    = "bench-aws-${each.key}"
  role             = aws_iam_role.fn[each.key].arn
  runtime          = "python3.12"
  handler          = "main.handle"
  memory_size      = 256
  timeout          = 30
  s3_bucket        = "bench-code"
  s3_key           = "code.zip"
  source_code_hash = filebase64sha256("${path.module}/code.zip")
  tags             = local.tags
}

# ---- schedule: one group and one scheduler role for the stack, a schedule per function

resource "aws_scheduler_schedule_group" "stack" {
  name = "bench-aws"
  tags = local.tags
}

resource "aws_iam_role" "scheduler" {
  name               = "bench-aws_scheduler"
  assume_role_policy = local.trust["scheduler"]
  tags               = local.tags
}

resource "aws_iam_role_policy" "scheduler" {
  name = "fnctl"
  role = aws_iam_role.scheduler.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "InvokeScheduledFunctions", Effect = "Allow", Action = ["lambda:InvokeFunction"], Resource = sort([for k, _ in local.schedule : aws_lambda_function.fn[k].arn]) }]
  })
}

resource "aws_scheduler_schedule" "fn" {
  for_each                     = local.schedule
  name                         = "${each.key}-1"
  group_name                   = aws_scheduler_schedule_group.stack.name
  schedule_expression          = each.value
  schedule_expression_timezone = "UTC"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = aws_lambda_function.fn[each.key].arn
    role_arn = aws_iam_role.scheduler.arn
  }
}

# ---- queue: a queue per consumer, the consume policy and the event source mapping

resource "aws_sqs_queue" "q" {
  for_each                   = local.queue
  name                       = "bench-aws-q${each.key}"
  visibility_timeout_seconds = 30
  message_retention_seconds  = 345600
  tags                       = local.tags
}

resource "aws_iam_role_policy" "consume" {
  for_each = local.queue
  name     = "fnctl"
  role     = aws_iam_role.fn[each.key].name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "QueueQ${each.key}Consume"
      Effect   = "Allow"
      Action   = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]
      Resource = [aws_sqs_queue.q[each.key].arn]
    }]
  })
}

resource "aws_lambda_event_source_mapping" "q" {
  for_each         = local.queue
  function_name    = aws_lambda_function.fn[each.key].arn
  event_source_arn = aws_sqs_queue.q[each.key].arn
  batch_size       = 10
}

# ---- http: one HTTP API with the $default stage for the stack; an integration, a route and an invoke permission per function

resource "aws_apigatewayv2_api" "stack" {
  name          = "bench-aws"
  protocol_type = "HTTP"
  tags          = local.tags
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.stack.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_integration" "fn" {
  for_each               = local.http
  api_id                 = aws_apigatewayv2_api.stack.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.fn[each.key].arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "fn" {
  for_each           = local.http
  api_id             = aws_apigatewayv2_api.stack.id
  route_key          = "POST /${each.key}"
  target             = "integrations/${aws_apigatewayv2_integration.fn[each.key].id}"
  authorization_type = "NONE"
}

resource "aws_lambda_permission" "http" {
  for_each      = local.http
  statement_id  = "fnctl-http"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.fn[each.key].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.stack.execution_arn}/*/*"
}
