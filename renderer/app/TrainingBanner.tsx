import { Button, Popconfirm } from 'antd';
import { useApi } from '../api/context';

/** Always visible in training, so nobody mistakes practice for real work. */
export function TrainingBanner() {
  const { client } = useApi();
  const leave = async () => {
    await client.setup.leaveTraining();
    window.sessionStorage.clear();
    window.location.reload();
  };
  return (
    <div className="training-banner" role="status">
      <strong>培训模式</strong>
      <span>当前为培训数据库，所有数据仅供练习，不会上传到省平台。</span>
      <Popconfirm title="退出培训模式，回到正式数据库？" okText="退出" cancelText="取消" onConfirm={() => void leave()}>
        <Button size="small" type="link">
          退出培训模式
        </Button>
      </Popconfirm>
    </div>
  );
}
