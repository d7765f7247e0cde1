const { Client } = require('pg');
(async () => {
  const c = new Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/rmtest' });
  await c.connect();
  await c.query('drop table if exists rm3; create table rm3 (like rm including defaults)');
  const N = 1700000, CH = Number(process.argv[2] || 20000);
  const cols = ['resource_arn','account_id','principal_arn','principal_name','principal_type','access_level','path_kind','path_via','conditional','action_count','sample_actions','conditions'];
  const types = ['text','text','text','text','text','text','text','text','boolean','integer','text','text'];
  let t = Date.now();
  const rows = Array.from({length: N}, (_, i) => ({ resource_arn: 'arn:aws:s3:::data-bucket-' + (i % 10000), account_id: '111122223333', principal_arn: 'arn:aws:iam::111122223333:role/role-' + (i % 50000), principal_name: 'role-' + (i%50000), principal_type: 'role', access_level: 'Read', path_kind: 'assumed-role', path_via: '["arn:aws:iam::111122223333:role/role-1","arn:aws:iam::111122223333:role/role-2"]', conditional: false, action_count: 12, sample_actions: '["s3:GetObject","s3:ListBucket","s3:GetObjectAcl"]', conditions: null }));
  console.log('rows', Date.now() - t); t = Date.now();
  await c.query("begin"); const cpu0 = process.cpuUsage();
  for (let i = 0; i < N; i += CH) {
    const chunk = rows.slice(i, i + CH);
    const values = cols.map(n => chunk.map(r => r[n]));
    await c.query(`insert into rm3 (${cols.join(',')}) select * from unnest(${types.map((ty, k) => `$${k + 1}::${ty}[]`).join(',')})`, values);
  }
  console.log("unnest insert", Date.now() - t, "node cpu", process.cpuUsage(cpu0).user/1000); t = Date.now();
  await c.query('create index on rm3 (resource_arn, principal_name)');
  console.log('index', Date.now() - t); t = Date.now();
  await c.query('commit');
  console.log('commit', Date.now() - t);
  await c.end();
})();
