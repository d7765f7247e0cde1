import type { EscalationMethod } from './ruleSet';

/**
 * Privilege-escalation methods (Rhino Security Labs research, cloudsplaining, pathfinding.cloud),
 * named verbatim. Each needs all of its actions on an exploitable resource scope; rule files
 * can add more without a release.
 */
export const defaultEscalationMethods: EscalationMethod[] = [
  { name: 'CreateAccessKey', actions: ['iam:createaccesskey'], pathfindingId: 'iam-002' },
  { name: 'CreateLoginProfile', actions: ['iam:createloginprofile'], pathfindingId: 'iam-004' },
  { name: 'UpdateLoginProfile', actions: ['iam:updateloginprofile'], pathfindingId: 'iam-006' },
  { name: 'AddUserToGroup', actions: ['iam:addusertogroup'], pathfindingId: 'iam-013' },
  { name: 'CreateNewPolicyVersion', actions: ['iam:createpolicyversion'], pathfindingId: 'iam-001' },
  { name: 'SetExistingDefaultPolicyVersion', actions: ['iam:setdefaultpolicyversion'] },
  { name: 'AttachUserPolicy', actions: ['iam:attachuserpolicy'], pathfindingId: 'iam-008' },
  { name: 'AttachGroupPolicy', actions: ['iam:attachgrouppolicy'], pathfindingId: 'iam-010' },
  { name: 'AttachRolePolicy', actions: ['iam:attachrolepolicy'], pathfindingId: 'iam-009' },
  { name: 'PutUserPolicy', actions: ['iam:putuserpolicy'], pathfindingId: 'iam-007' },
  { name: 'PutGroupPolicy', actions: ['iam:putgrouppolicy'], pathfindingId: 'iam-011' },
  { name: 'PutRolePolicy', actions: ['iam:putrolepolicy'], pathfindingId: 'iam-005' },
  { name: 'UpdateRolePolicyToAssumeIt', actions: ['iam:updateassumerolepolicy'], pathfindingId: 'iam-012' },
  { name: 'CreateEC2WithExistingIP', actions: ['iam:passrole', 'ec2:runinstances'], pathfindingId: 'ec2-001' },
  { name: 'PassExistingRoleToNewLambdaThenInvoke', actions: ['iam:passrole', 'lambda:createfunction', 'lambda:invokefunction'], pathfindingId: 'lambda-001' },
  { name: 'PassExistingRoleToNewLambdaThenTriggerWithNewDynamo', actions: ['iam:passrole', 'lambda:createfunction', 'lambda:createeventsourcemapping', 'dynamodb:createtable', 'dynamodb:putitem'], pathfindingId: 'lambda-002' },
  { name: 'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo', actions: ['iam:passrole', 'lambda:createfunction', 'lambda:createeventsourcemapping'], pathfindingId: 'lambda-002' },
  { name: 'PassExistingRoleToNewGlueDevEndpoint', actions: ['iam:passrole', 'glue:createdevendpoint'], pathfindingId: 'glue-001' },
  { name: 'PassExistingRoleToCloudFormation', actions: ['iam:passrole', 'cloudformation:createstack'], pathfindingId: 'cloudformation-001' },
  { name: 'PassExistingRoleToNewDataPipeline', actions: ['iam:passrole', 'datapipeline:createpipeline'], pathfindingId: 'datapipeline-001' },
  { name: 'UpdateExistingGlueDevEndpoint', actions: ['glue:updatedevendpoint'], pathfindingId: 'glue-002' },
  { name: 'EditExistingLambdaFunctionWithRole', actions: ['lambda:updatefunctioncode'], pathfindingId: 'lambda-003' },
  { name: 'AccessExistingBedrockCodeInterpreterSession', actions: ['bedrock-agentcore:startcodeinterpretersession', 'bedrock-agentcore:invokecodeinterpreter'], pathfindingId: 'bedrock-002' },
  { name: 'ExecuteCloudFormationChangeSet', actions: ['cloudformation:createchangeset', 'cloudformation:executechangeset'], pathfindingId: 'cloudformation-005' },
  { name: 'ModifyEC2InstanceUserDataThenRestart', actions: ['ec2:modifyinstanceattribute', 'ec2:stopinstances', 'ec2:startinstances'], pathfindingId: 'ec2-002' },
  { name: 'ModifyExistingEC2LaunchTemplate', actions: ['ec2:createlaunchtemplateversion', 'ec2:modifylaunchtemplate'], pathfindingId: 'ec2-004' },
  { name: 'EC2InstanceConnectSendSSHPublicKey', actions: ['ec2-instance-connect:sendsshpublickey', 'ec2:describeinstances'], pathfindingId: 'ec2instanceconnect-003' },
  { name: 'ECSExecuteCommandOnRunningTask', actions: ['ecs:executecommand', 'ecs:describetasks'], pathfindingId: 'ecs-006' },
  { name: 'UpdateAndInvokeLambdaFunction', actions: ['lambda:updatefunctioncode', 'lambda:invokefunction'], pathfindingId: 'lambda-004' },
  { name: 'UpdateLambdaFunctionAndAddPermission', actions: ['lambda:updatefunctioncode', 'lambda:addpermission'], pathfindingId: 'lambda-005' },
  { name: 'CreatePresignedSageMakerNotebookUrl', actions: ['sagemaker:createpresignednotebookinstanceurl'], pathfindingId: 'sagemaker-004' },
  { name: 'UpdateSageMakerNotebookLifecycleConfig', actions: ['sagemaker:createnotebookinstancelifecycleconfig', 'sagemaker:stopnotebookinstance', 'sagemaker:updatenotebookinstance', 'sagemaker:startnotebookinstance'], pathfindingId: 'sagemaker-005' },
  { name: 'PassExistingRoleToNewAppRunnerService', actions: ['iam:passrole', 'apprunner:createservice'], pathfindingId: 'apprunner-001' },
  { name: 'PassExistingRoleToNewBedrockCodeInterpreter', actions: ['iam:passrole', 'bedrock-agentcore:createcodeinterpreter', 'bedrock-agentcore:startcodeinterpretersession', 'bedrock-agentcore:invokecodeinterpreter'], pathfindingId: 'bedrock-001' },
  { name: 'PassExistingRoleToNewCloudFormationStackSet', actions: ['iam:passrole', 'cloudformation:createstackset', 'cloudformation:createstackinstances'], pathfindingId: 'cloudformation-003' },
  { name: 'PassRoleToUpdateCloudFormationStackSet', actions: ['iam:passrole', 'cloudformation:updatestackset'], pathfindingId: 'cloudformation-004' },
  { name: 'PassExistingRoleToNewCodeBuildProjectThenBuild', actions: ['iam:passrole', 'codebuild:createproject', 'codebuild:startbuild'], pathfindingId: 'codebuild-001' },
  { name: 'PassExistingRoleToNewCodeBuildProjectThenBuildBatch', actions: ['iam:passrole', 'codebuild:createproject', 'codebuild:startbuildbatch'], pathfindingId: 'codebuild-004' },
  { name: 'PassExistingRoleToNewEC2SpotInstance', actions: ['iam:passrole', 'ec2:requestspotinstances'], pathfindingId: 'ec2-003' },
  { name: 'PassExistingRoleToNewECSClusterServiceTask', actions: ['iam:passrole', 'ecs:createcluster', 'ecs:registertaskdefinition', 'ecs:createservice'], pathfindingId: 'ecs-001' },
  { name: 'PassExistingRoleToNewECSClusterRunTask', actions: ['iam:passrole', 'ecs:createcluster', 'ecs:registertaskdefinition', 'ecs:runtask'], pathfindingId: 'ecs-002' },
  { name: 'PassExistingRoleToNewECSService', actions: ['iam:passrole', 'ecs:registertaskdefinition', 'ecs:createservice'], pathfindingId: 'ecs-003' },
  { name: 'PassExistingRoleToNewECSTaskViaRunTask', actions: ['iam:passrole', 'ecs:registertaskdefinition', 'ecs:runtask'], pathfindingId: 'ecs-004' },
  { name: 'PassExistingRoleToNewECSTaskViaStartTask', actions: ['iam:passrole', 'ecs:registertaskdefinition', 'ecs:starttask'], pathfindingId: 'ecs-005' },
  { name: 'PassExistingRoleToNewGlueJobThenRun', actions: ['iam:passrole', 'glue:createjob', 'glue:startjobrun'], pathfindingId: 'glue-003' },
  { name: 'PassExistingRoleToNewGlueJobViaTrigger', actions: ['iam:passrole', 'glue:createjob', 'glue:createtrigger'], pathfindingId: 'glue-004' },
  { name: 'PassExistingRoleToUpdatedGlueJobThenRun', actions: ['iam:passrole', 'glue:updatejob', 'glue:startjobrun'], pathfindingId: 'glue-005' },
  { name: 'PassExistingRoleToUpdatedGlueJobViaTrigger', actions: ['iam:passrole', 'glue:updatejob', 'glue:createtrigger'], pathfindingId: 'glue-006' },
  { name: 'PassExistingRoleToNewLambdaThenAddPermission', actions: ['iam:passrole', 'lambda:createfunction', 'lambda:addpermission'], pathfindingId: 'lambda-006' },
  { name: 'PassExistingRoleToNewSageMakerNotebookInstance', actions: ['iam:passrole', 'sagemaker:createnotebookinstance'], pathfindingId: 'sagemaker-001' },
  { name: 'PassExistingRoleToNewSageMakerTrainingJob', actions: ['iam:passrole', 'sagemaker:createtrainingjob'], pathfindingId: 'sagemaker-002' },
  { name: 'PassExistingRoleToNewSageMakerProcessingJob', actions: ['iam:passrole', 'sagemaker:createprocessingjob'], pathfindingId: 'sagemaker-003' },
  { name: 'CreateAndRotateAccessKey', actions: ['iam:createaccesskey', 'iam:deleteaccesskey'], pathfindingId: 'iam-003' },
  { name: 'AttachUserPolicyThenCreateAccessKey', actions: ['iam:attachuserpolicy', 'iam:createaccesskey'], pathfindingId: 'iam-015' },
  { name: 'CreatePolicyVersionThenAssumeRole', actions: ['iam:createpolicyversion', 'sts:assumerole'], pathfindingId: 'iam-016' },
  { name: 'PutUserPolicyThenCreateAccessKey', actions: ['iam:putuserpolicy', 'iam:createaccesskey'], pathfindingId: 'iam-018' },
  { name: 'AttachRolePolicyThenUpdateAssumeRolePolicy', actions: ['iam:attachrolepolicy', 'iam:updateassumerolepolicy'], pathfindingId: 'iam-019' },
  { name: 'CreatePolicyVersionThenUpdateAssumeRolePolicy', actions: ['iam:createpolicyversion', 'iam:updateassumerolepolicy'], pathfindingId: 'iam-020' },
  { name: 'PutRolePolicyThenUpdateAssumeRolePolicy', actions: ['iam:putrolepolicy', 'iam:updateassumerolepolicy'], pathfindingId: 'iam-021' },
  { name: 'SSMSendCommandToInstance', actions: ['ssm:sendcommand'], pathfindingId: 'ssm-002' },
  { name: 'SSMStartSessionOnInstance', actions: ['ssm:startsession'], pathfindingId: 'ssm-001' },
  { name: 'UpdateExistingCloudFormationStack', actions: ['cloudformation:updatestack'], pathfindingId: 'cloudformation-002' },
  { name: 'StartExistingCodeBuildProject', actions: ['codebuild:startbuild'], pathfindingId: 'codebuild-002' },
  { name: 'UpdateExistingAppRunnerService', actions: ['apprunner:updateservice'], pathfindingId: 'apprunner-002' },
].map(m => ({ ...m, scopes: scopesFor(m.name) }));

/** Actions whose resource must be a policy the attacker benefits from, not merely anything writable. */
function scopesFor(method: string): EscalationMethod['scopes'] {
  switch (method) {
    case 'CreateNewPolicyVersion':
    case 'CreatePolicyVersionThenAssumeRole':
      return { 'iam:createpolicyversion': 'own-policy' };
    case 'SetExistingDefaultPolicyVersion':
      return { 'iam:setdefaultpolicyversion': 'own-policy' };
    case 'CreatePolicyVersionThenUpdateAssumeRolePolicy':
      return { 'iam:createpolicyversion': 'role-policy' };
    case 'CreateAccessKey':
    case 'CreateAndRotateAccessKey':
      return { 'iam:createaccesskey': 'others' };
    case 'CreateLoginProfile':
      return { 'iam:createloginprofile': 'others' };
    case 'UpdateLoginProfile':
      return { 'iam:updateloginprofile': 'others' };
    default:
      return undefined;
  }
}
