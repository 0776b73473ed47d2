import { Result } from 'antd';

/** Shown for a section whose feature has not landed yet: says so plainly, promises nothing. */
export function PendingSection({ title }: { title: string }) {
  return <Result status="info" title={title} subTitle="此功能尚未上线。当前版本可使用「设置」和「系统状态」。" />;
}
